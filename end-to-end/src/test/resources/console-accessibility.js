// Explicit accessibility checks of the page as it is shown (axe-core is not available offline from Maven Central):
// every visible control has a label, every button and link an accessible name, images a text alternative, text a
// contrast of at least 4.5:1 (3:1 when large) against its background (WCAG 2.1 AA; disabled controls are exempt),
// and the page does not scroll sideways. Returns the problems found, as sentences.
const problems = [];
const visible = element => {
  const style = getComputedStyle(element);
  return style.visibility !== 'hidden' && style.display !== 'none'
    && (element.offsetWidth > 0 || element.offsetHeight > 0 || element.getClientRects().length > 0);
};
const describe = element => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}`
  + `${element.className && typeof element.className === 'string' ? `.${element.className.split(' ')[0]}` : ''}`;
const name = element => (element.getAttribute('aria-label') || (element.getAttribute('aria-labelledby') || '')
  .split(' ').map(id => document.getElementById(id)?.textContent || '').join(' ') || element.textContent
  || element.getAttribute('title') || element.querySelector('img')?.alt || '').trim();

for (const control of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
  if (!visible(control)) continue;
  const labelled = (control.labels && control.labels.length > 0) || control.getAttribute('aria-label')
    || control.getAttribute('aria-labelledby');
  if (!labelled) problems.push(`${describe(control)} has no label`);
}
for (const element of document.querySelectorAll('button, a[href], summary')) {
  if (visible(element) && !name(element)) problems.push(`${describe(element)} has no accessible name`);
}
for (const image of document.querySelectorAll('img')) {
  if (!image.hasAttribute('alt')) problems.push(`${describe(image)} has no alt text`);
}
for (const picture of document.querySelectorAll('svg[role=img]')) {
  if (!name(picture)) problems.push(`${describe(picture)} has no accessible name`);
}

const rgba = text => {
  const parts = text.match(/[\d.]+/g)?.map(Number) || [0, 0, 0, 0];
  return { r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1 };
};
const luminance = ({ r, g, b }) => {
  const channel = c => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
};
const background = element => {
  for (let e = element; e; e = e.parentElement) {
    const colour = rgba(getComputedStyle(e).backgroundColor);
    if (colour.a > 0.5) return colour;
  }
  return { r: 255, g: 255, b: 255, a: 1 };
};
const inactive = element => element.closest(':disabled, [aria-disabled=true], .reader-disabled') !== null
  || (element.matches('input, select, textarea, button') && element.disabled);
for (const element of document.querySelectorAll('body *:not(script):not(style):not(svg *)')) {
  const ownText = [...element.childNodes].some(node => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
  if (!ownText || !visible(element) || inactive(element)) continue;
  const style = getComputedStyle(element);
  const foreground = rgba(style.color);
  const back = background(element);
  const [light, dark] = [luminance(foreground), luminance(back)].sort((x, y) => y - x);
  const ratio = (light + 0.05) / (dark + 0.05);
  const size = parseFloat(style.fontSize);
  const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
  if (ratio < (large ? 3 : 4.5)) {
    problems.push(`${describe(element)} ("${element.textContent.trim().slice(0, 30)}") has a contrast of `
      + `${ratio.toFixed(2)}:1`);
  }
}
if (document.documentElement.scrollWidth > document.documentElement.clientWidth) {
  problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px wide in a `
    + `${document.documentElement.clientWidth} px window`);
}
return problems;
