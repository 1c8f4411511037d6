// Builds DOM nodes from values, never by parsing strings as markup: every value from the API ends up as text.

/** h('button', {class: 'primary', onclick: fn}, 'Save') */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (name === 'value') {
      element.value = value;
    } else if (name === 'checked') {
      element.checked = Boolean(value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(element, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

export function clear(element, ...children) {
  element.replaceChildren();
  return append(element, children);
}

let fieldCount = 0;

/** A labelled form field: the label's for points at the control's id. */
export function field(label, control, hint) {
  if (!control.id) control.id = `field-${++fieldCount}`;
  const hintNode = hint ? h('span', { class: 'hint', id: `${control.id}-hint` }, hint) : null;
  if (hintNode) control.setAttribute('aria-describedby', hintNode.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hintNode);
}

export function select(options, selected, attributes = {}) {
  return h('select', attributes, options.map(option => {
    const [value, text] = Array.isArray(option) ? option : [option, option];
    return h('option', { value, selected: value === selected }, text);
  }));
}

export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  for (const child of children.flat()) if (child) element.append(child);
  return element;
}
