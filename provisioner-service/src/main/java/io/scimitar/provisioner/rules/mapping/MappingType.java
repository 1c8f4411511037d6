package io.scimitar.provisioner.rules.mapping;

/** Entra's mapping types: attribute to attribute, fixed text, expression, or none (default value only). */
public enum MappingType { DIRECT, CONSTANT, EXPRESSION, NONE }
