package io.scimitar.security;

import java.util.Set;

/** Who a presented API key belongs to: the key's name and its roles. */
public record ApiCaller(String name, Set<String> roles) {
}
