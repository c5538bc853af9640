// Consul's key ACL rules for the client players' token: `key_prefix "<prefix>" { policy = "read|write|deny" }`.
// The longest matching prefix wins; with no rule that matches, the agent's default policy applies (allow: ACLs
// are only as strict as the rules the operator writes). A refusal reads as Consul's 403 body.

export type AclPolicy = "read" | "write" | "deny";

export function isAclPolicy(v: unknown): v is AclPolicy {
  return v === "read" || v === "write" || v === "deny";
}

/** The rule that governs `key`: the policy of the longest matching prefix, or undefined (default allow). */
export function aclRuleFor(rules: Readonly<Record<string, AclPolicy>>, key: string): { prefix: string; policy: AclPolicy } | undefined {
  let best: { prefix: string; policy: AclPolicy } | undefined;
  for (const [prefix, policy] of Object.entries(rules)) {
    if (key.startsWith(prefix) && (best === undefined || prefix.length > best.prefix.length)) best = { prefix, policy };
  }
  return best;
}

/** Why the token may not do `access` on `key` (Consul's "Permission denied" text), or undefined when it may. */
export function aclDenial(rules: Readonly<Record<string, AclPolicy>>, key: string, access: "read" | "write"): string | undefined {
  const rule = aclRuleFor(rules, key);
  if (rule === undefined) return undefined;
  const allowed = rule.policy === "write" || (rule.policy === "read" && access === "read");
  return allowed ? undefined : `Permission denied: token lacks permission 'key:${access}' on "${key}"`;
}
