// Package odrl reads, writes and evaluates W3C ODRL 2.2 policies.
//
// It parses any valid JSON-LD form of a policy by expanding it with a JSON-LD processor that
// loads no document from the network, evaluates a request against a policy and a state of the
// world following the ODRL Formal Semantics draft, and writes a compliance report in the FORCE
// compliance-report vocabulary.
//
// # Tour
//
//	policy, err := odrl.ParsePolicy(policyJSONLD)          // Set, Agreement, …; any JSON-LD form
//	policy, err = odrl.ParsePolicyRDF(turtle, odrl.Turtle)  // or NQuads, NTriples
//	err = policy.Validate(odrl.Strict)                      // every departure from the Information Model
//	request, err := odrl.ParseRequest(requestJSONLD)        // an odrl:Request
//	world, err := odrl.ParseWorld(worldJSON)                // now, partOf, duty states, operand values
//	report, err := odrl.EvaluateContext(ctx, policy, request, world)
//	report.Decision                                         // Permit or Deny, with report.Reason
//	report.Rules                                            // per rule: activation, attempt, premises
//	ld, err := report.MarshalJSONLD()                       // the FORCE compliance report
//	nq, err := report.MarshalRDF(odrl.NQuads)               // the same, as N-Quads or Turtle
//	out, err := policy.MarshalJSONLD()                      // compact JSON-LD with the ODRL context
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
// A parsed Policy is composed (ODRL 2.2 Information Model, Policy Rule Composition): policy-level target, action
// and parties are copied into each rule, rules with several actions, targets or parties are
// split into atomic rules, and parents named by inheritFrom in the same document are merged
// (Inherit merges parents given separately). The normative rules are checked: a uid, at least
// one rule, an assigner on every rule of an Offer, an assigner and an assignee on every rule
// of an Agreement. Right operands are typed by their left operand (dateTime needs an instant
// or a day, elapsedTime a duration, count and payAmount a decimal, purpose and spatial an
// IRI): a mismatch is an error wrapping ErrOperandType. Input is bounded by Limits (see
// Bounds).
//
// # Reading RDF
//
// ParsePolicyRDF, ParseRequestRDF and ParseWorldRDF read Turtle, N-Triples and N-Quads, the
// forms policies, requests and states of the world take in the Solid and FORCE world.
// N-Quads are parsed by json-gold; Turtle by this package's own bounded parser of RDF 1.1
// Turtle (no maintained Go Turtle parser was available to the build; see the README). The
// triples are turned into expanded JSON-LD (JSON-LD 1.1 API, Serialize RDF as JSON-LD) and
// read exactly as JSON-LD is, so a policy parses to the same Policy from either form.
// Reports and policies are written as N-Quads or Turtle with MarshalRDF.
//
// # Evaluating: the FORCE compliance report
//
// Evaluate follows the ODRL Formal Semantics draft (W3C ODRL Community Group) and writes
// the FORCE compliance-report model (https://w3id.org/force/compliance-report#, the model of
// the FORCE ODRL test suite and its reference evaluator). The states it emits mean, in
// FORCE's terms:
//
//   - attemptState Attempted: the request is an attempt to exercise the rule. Every rule
//     report Evaluate makes is Attempted, whatever the request's action or target; whether
//     they match is the business of the ActionReport and TargetReport.
//   - satisfactionState Satisfied / Unsatisfied: a premise — the target (TargetReport),
//     the assignee (PartyReport), the action (ActionReport) or a constraint
//     (ConstraintReport) — holds or does not for the request in the state of the world. A
//     rule has a premise report for each of these it states and no other. The Go Report
//     has a third state, Unknown: the state of the world lacks what is needed to decide;
//     the FORCE report writes it Unsatisfied, as the FORCE test suite writes a constraint
//     on a missing operand, with the reason beside it.
//   - activationState Active / Inactive: every premise is satisfied and no duty of the
//     permission is Violated, or not. An Undetermined rule (an Unknown premise, no
//     Unsatisfied one) is written Inactive in the report: it does not apply.
//   - deonticState NonSet / Fulfilled / Violated: of a duty, as the state of the world
//     gives it (NonSet when it does not mention the duty); written on DutyReports only.
//
// A rule that composition split into atomic rules (two actions, say) has one report per
// atomic rule in the Go Report and one in the FORCE report: that of the atomic rule that
// applies best. A collection named by a source (odrl:source) matches members partOf its
// uid or its source. A FORCE evaluation request's sotw:requestParameters give the values of
// the left operands their features name (TemporalData the dateTime, Purpose the purpose),
// and the rdf:types the request states of those values count as memberships for isA.
//
// Logical constraints get their own ConstraintReport, naming the operator in
// report:constraintLogicalOperand, with one ConstraintReport per operand beneath it
// (report:premiseReport), every operand evaluated. A permission's duties are its
// report:conditionReport: the prior report the state of the world names, or a DutyReport.
//
// Where the Formal Semantics draft and FORCE differ, Evaluate follows FORCE and says so:
//
//   - The draft reads a rule whose action does not match as not attempted; FORCE reports
//     every rule as Attempted.
//   - The draft deactivates a permission until its duties are fulfilled; FORCE treats a
//     NonSet duty, or one the world does not know, as not yet violated, so the permission
//     is Active, and only a Violated duty deactivates it. A backend that wants the stricter
//     reading checks the duty states in the report's Conditions.
//   - ODRL 2.2 requires an action (and, on permissions and prohibitions, a target) on every
//     rule; FORCE evaluates a rule that states nothing as applying to every request.
//     Evaluate does so; Validate(Strict), or ParseOptions{Strict: true}, lists every such
//     departure from the Information Model for a backend that refuses them.
//   - andSequence is evaluated like and, every operand reported (the draft would stop at
//     the first unsatisfied operand).
//
// Where FORCE is silent, Evaluate fails closed and documents the choice:
//
//   - A left operand with no value in the request, the Evaluator's OperandFuncs or the
//     world (any IRI may have one), an operator outside ODRL 2.2, a rightOperandReference
//     the world does not resolve and incomparable values (P1M and P30D) are Unknown, never
//     false; an undetermined permission grants nothing and an undetermined prohibition
//     denies.
//   - Memberships (partOf) come from the state of the world and from the partOf the
//     request declares on its target and assignee; they are transitive and reflexive, and
//     isA, isPartOf and hasPart use them too.
//   - Instants compared with days use the day's interval: dateTime lteq 2027-12-31 holds until
//     the end of that day (UTC when no time zone is given).
//   - Conflicts follow the policy's strategy (perm, prohibit, invalid; invalid by default,
//     which voids the policy); when no rule applies, Closed behaviour (the default) denies and
//     Open permits. A denial's Reason names, for each permission, the first premise that
//     failed, with its operand, operator, expected and actual values.
//
// # Bounds
//
// Limits holds every bound on untrusted input as data; its zero value is a safe default,
// and each bound is checked before the work it bounds (rule and premise reports are
// counted before an evaluation starts, and steps — premises, partOf edges, set comparisons
// — as it goes). EvaluateContext stops when its context is done. Evaluate, whose signature
// is pinned, runs under the default Limits.
//
// # Concurrency
//
// Policies, Worlds and Reports are read-only values after construction; any number of
// goroutines may evaluate the same policy and world at once.
package odrl
