// Package odrl reads, writes and evaluates W3C ODRL 2.2 policies.
//
// It parses any valid JSON-LD form of a policy by expanding it with a JSON-LD processor that
// loads no document from the network, evaluates a request against a policy and a state of the
// world following the ODRL Formal Semantics draft, and writes a compliance report in the FORCE
// compliance-report vocabulary.
//
// # Tour
//
//	policy, err := odrl.ParsePolicy(policyJSONLD)   // Set, Agreement, …; any JSON-LD form
//	request, err := odrl.ParseRequest(requestJSONLD) // an odrl:Request
//	world, err := odrl.ParseWorld(worldJSON)         // now, partOf, duty states, operand values
//	report, err := odrl.Evaluate(policy, request, world)
//	report.Decision                                  // Permit or Deny, with report.Reason
//	report.Rules                                     // per rule: activation, attempt, premises
//	ld, err := report.MarshalJSONLD()                // the FORCE compliance report
//	out, err := policy.MarshalJSONLD()               // compact JSON-LD with the ODRL context
//
// # Reading JSON-LD
//
// Documents are expanded and node-mapped by github.com/piprate/json-gold (JSON-LD 1.1), so a
// policy compacted with the ODRL context by IRI or inline, with other prefixes, flattened into
// nodes that refer to each other by @id, or fully expanded, all read the same. The ODRL
// context is embedded (ODRL22.jsonld, byte for byte as the W3C publishes it); every other
// remote context is refused with a *ContextError before expansion. The context's errata are
// read back: "neq" expands to odrl:neg and "industry" to odrl:industry:, and both are taken
// as the terms the vocabulary defines.
//
// A parsed Policy is composed (ODRL 2.2 Information Model §2.7): policy-level target, action
// and parties are copied into each rule, rules with several actions, targets or parties are
// split into atomic rules, and parents named by inheritFrom in the same document are merged
// (Inherit merges parents given separately). The normative rules are checked: a uid, at least
// one rule, an assigner on every rule of an Offer, an assigner and an assignee on every rule
// of an Agreement. Right operands are typed by their left operand (dateTime needs an instant
// or a day, elapsedTime a duration, count and payAmount a decimal, purpose and spatial an
// IRI): a mismatch is an error wrapping ErrOperandType. Input is bounded (MaxInputBytes,
// MaxRules, MaxConstraints, MaxListLength, MaxDepth).
//
// # Evaluating
//
// Evaluate follows the ODRL Formal Semantics draft (W3C ODRL Community Group): each premise of
// a rule — target, party, action, each constraint — is Satisfied, Unsatisfied or Unknown, and
// a rule is active when all are satisfied and its duties are fulfilled or inactive. Choices
// the draft leaves open are made explicit:
//
//   - A left operand with no value in the request or the world (any IRI may have one), an
//     operator outside ODRL 2.2, a rightOperandReference the world does not resolve and
//     incomparable values (P1M and P30D) are Unknown, never false; Unknown fails closed:
//     an undetermined permission grants nothing and an undetermined prohibition denies.
//   - A rule without target or assignee applies to any asset or party (as in the FORCE test
//     suite); a rule without action matches nothing and is undetermined.
//   - Memberships (partOf) come from the state of the world and from the partOf the
//     request declares on its target and assignee; they are transitive and reflexive, and
//     isA, isPartOf and hasPart use them too.
//   - Instants compared with days use the day's interval: dateTime lteq 2027-12-31 holds until
//     the end of that day (UTC when no time zone is given).
//   - Conflicts follow the policy's strategy (perm, prohibit, invalid; invalid by default,
//     which voids the policy); when no rule applies, Closed behaviour (the default) denies and
//     Open permits.
//
// # Concurrency
//
// Policies, Worlds and Reports are read-only values after construction; any number of
// goroutines may evaluate the same policy and world at once.
package odrl
