package odrl

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/dataassay/assay/internal/errs"
	"github.com/piprate/json-gold/ld"
)

// Bounds on untrusted policies. Input over a bound fails with ErrTooLarge.
const (
	MaxInputBytes  = 1 << 20 // bytes of JSON-LD given to ParsePolicy or ParseRequest
	MaxRules       = 1024    // atomic rules in a policy, duties, remedies and consequences included
	MaxConstraints = 4096    // constraints and refinements in a policy, logical ones included
	MaxListLength  = 1024    // values of one right operand, members of a partOf list
	MaxDepth       = 16      // nesting of logical constraints, and of duties in rules
)

// ParsePolicy reads an ODRL 2.2 policy from any valid JSON-LD form of it: compacted with the
// ODRL context (by IRI or inline), compacted with other prefixes, flattened or fully
// expanded. A document that does not start with '{' or '[' is read as Turtle (or
// N-Triples), as ParsePolicyRDF reads it, so that the same entry point takes the FORCE test
// suite's documents. The document is expanded and flattened by a JSON-LD 1.1 processor
// (github.com/piprate/json-gold) whose loader serves only the embedded ODRL context, so
// nothing is fetched from the network; any other remote context fails with a *ContextError.
//
// The policy is returned in composed form (see Policy). When the document holds several
// policies, the one no other inherits from is returned, merged with the parents it names
// (Inherit); parents outside the document stay in InheritFrom. Errors are a *ContextError
// or a *PolicyError locating the problem, and wrap ErrSyntax,
// ErrRemoteContext, ErrTooLarge, ErrInvalidPolicy, ErrOperandType or ErrInheritanceCycle.
//
// ODRL's normative rules are checked once the policy has no unresolved parent: one uid,
// at least one rule, an assigner on every permission and prohibition of an Offer, and an
// assigner and an assignee on every rule of an Agreement (Information Model §2.1).
func ParsePolicy(jsonld []byte) (*Policy, error) {
	return ParseOptions{}.ParsePolicy(jsonld)
}

// ParseOptions configures reading. The zero value reads as ParsePolicy, ParseRequest and
// ParseWorld do: the default Limits, lenient about departures from the Information Model
// that evaluation tolerates. A ParseOptions is a plain value, safe to share.
type ParseOptions struct {
	// Limits bounds the input; zero fields take the defaults (see Limits).
	Limits Limits
	// Strict also checks a parsed policy against every requirement of the ODRL 2.2
	// Information Model that Validate(Strict) checks (a rule without an action, a
	// permission without a target, …) and fails with a *ValidationError listing them all.
	// Evaluation is the same either way.
	Strict bool
}

// ParsePolicy reads a policy as the package-level ParsePolicy does, within o's Limits, and,
// if o.Strict, checks it with Validate(Strict).
func (o ParseOptions) ParsePolicy(jsonld []byte) (*Policy, error) {
	return o.parse(jsonld, false)
}

// ParseRequest reads a request as the package-level ParseRequest does, within o's Limits.
func (o ParseOptions) ParseRequest(jsonld []byte) (*Policy, error) {
	return o.parse(jsonld, true)
}

// ParseRequest reads an odrl:Request (Information Model §2.1.5): the permissions a party
// asks for, each with the requested action, target and assignee (the requesting party). It
// also reads the FORCE sotw:EvaluationRequest of the ODRL Formal Semantics draft
// (requestedAction, requestedTarget, requestingParty, context) as a Request with one
// permission.
// The request's constraints with operator eq give the values of their left operands for
// the evaluation (a purpose, a spatial area, a count), overriding the World. It accepts the
// same JSON-LD forms and fails with the same errors as ParsePolicy, and with
// ErrInvalidPolicy if the document is not a Request or has no permission.
func ParseRequest(jsonld []byte) (*Policy, error) {
	return ParseOptions{}.ParseRequest(jsonld)
}

func (o ParseOptions) parse(data []byte, request bool) (*Policy, error) {
	lim := o.Limits.effective()
	if len(data) > lim.MaxInputBytes {
		return nil, &LimitError{Limit: "MaxInputBytes", Value: len(data), Bound: lim.MaxInputBytes, What: "bytes of the document"}
	}
	if isTurtle(data) {
		nodes, err := o.rdfNodes(data, Turtle)
		if err != nil {
			return nil, err
		}
		return o.read(nodes, request)
	}
	doc, err := decodeJSON(data)
	if err != nil {
		return nil, &PolicyError{Reason: "malformed JSON: " + errs.Clip(err.Error(), 300), Err: ErrSyntax}
	}
	nodes, err := flatten(doc)
	if err != nil {
		return nil, err
	}
	return o.read(nodes, request)
}

// read turns the node map of a document into its main policy.
func (o ParseOptions) read(nodes map[string]map[string]any, request bool) (*Policy, error) {
	lim := o.Limits.effective()
	r := reader{nodes: nodes, lim: lim}
	var policies []*Policy
	for _, id := range r.policyIDs() {
		p, err := r.policy(id)
		if err != nil {
			return nil, err
		}
		policies = append(policies, p)
	}
	p, err := mainPolicy(policies, lim)
	if err != nil {
		return nil, err
	}
	if request {
		if p.Type != Request {
			return nil, &PolicyError{Policy: p.UID, Reason: fmt.Sprintf("want an odrl:Request, got %s", p.Type), Err: ErrInvalidPolicy}
		}
		if len(p.Permissions) == 0 {
			return nil, &PolicyError{Policy: p.UID, Reason: "request asks for no permission", Err: ErrInvalidPolicy}
		}
	}
	if len(p.InheritFrom) == 0 {
		mode := Lenient
		if o.Strict {
			mode = Strict
		}
		if err := p.Validate(mode); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// isTurtle reports whether a document given to ParsePolicy, ParseRequest or ParseWorld is
// Turtle (or N-Triples, a subset of it) rather than JSON: its first character other than
// white space is neither '{' nor '['. An empty document is JSON (and malformed).
func isTurtle(data []byte) bool {
	for _, c := range data {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		case '{', '[':
			return false
		}
		return true
	}
	return false
}

// flatten expands a JSON-LD document, maps its nodes (JSON-LD 1.1 API, Node Map
// Generation, which names blank nodes and merges the descriptions of each node) and indexes
// them by @id, across all graphs.
func flatten(doc any) (map[string]map[string]any, error) {
	if u := remoteContext(doc); u != "" {
		return nil, &ContextError{URL: errs.Clip(u, 256)}
	}
	opts := offlineOptions()
	var expanded any
	var err error
	if m, ok := doc.(map[string]any); ok && isODRLContextString(m["@context"]) {
		// The common case: expand with the processed ODRL context instead of processing it
		// again; the result is the same.
		var active *ld.Context
		if active, err = odrlActiveContext(); err == nil {
			body := maps.Clone(m)
			delete(body, "@context")
			expanded, err = ld.NewJsonLdApi().Expand(active, "", body, opts, false, nil)
		}
		if em, ok := expanded.(map[string]any); ok {
			if g, ok := em["@graph"]; ok && len(em) == 1 {
				expanded = g // JSON-LD 1.1 API §5.1.2 step 19: unwrap a lone @graph
			}
		}
	} else {
		expanded, err = ld.NewJsonLdProcessor().Expand(doc, opts)
	}
	if err != nil {
		return nil, &PolicyError{Reason: "invalid JSON-LD: " + errs.Clip(err.Error(), 300), Err: ErrSyntax}
	}
	return nodeMap(expanded)
}

// nodeMap maps the nodes of an expanded JSON-LD document and indexes them by @id, across
// all graphs.
func nodeMap(expanded any) (map[string]map[string]any, error) {
	graphs := map[string]any{"@default": map[string]any{}}
	if expanded != nil {
		if _, err := ld.NewJsonLdApi().GenerateNodeMap(expanded, graphs, "@default", ld.NewIdentifierIssuer("_:b"), nil, "", nil); err != nil {
			return nil, &PolicyError{Reason: "invalid JSON-LD: " + errs.Clip(err.Error(), 300), Err: ErrSyntax}
		}
	}
	// The default graph first, then named graphs in order, so that a node described in
	// several graphs is read the same way every time.
	names := slices.Sorted(maps.Keys(graphs))
	names = slices.DeleteFunc(names, func(n string) bool { return n == "@default" })
	nodes := map[string]map[string]any{}
	for _, name := range append([]string{"@default"}, names...) {
		gm, _ := graphs[name].(map[string]any)
		for id, n := range gm {
			if m, ok := n.(map[string]any); ok {
				if _, dup := nodes[id]; !dup {
					nodes[id] = m
				}
			}
		}
	}
	return nodes, nil
}

func isODRLContextString(v any) bool {
	s, ok := v.(string)
	return ok && isODRLContextURL(s)
}

// mainPolicy picks the policy of a document that no other policy in it inherits from, and
// merges it with the parents found in the document.
func mainPolicy(ps []*Policy, lim Limits) (*Policy, error) {
	switch len(ps) {
	case 0:
		return nil, &PolicyError{Reason: "document holds no ODRL policy (no node of an odrl:Policy class or with rules)", Err: ErrInvalidPolicy}
	case 1:
		if len(ps[0].InheritFrom) == 0 {
			return ps[0], nil
		}
		return inherit(ps[0], nil, true, lim) // a policy that names itself as parent is a cycle
	}
	var roots []*Policy
	for _, p := range ps {
		parent := false
		for _, q := range ps {
			if q != p && slices.Contains(q.InheritFrom, p.UID) {
				parent = true
				break
			}
		}
		if !parent {
			roots = append(roots, p)
		}
	}
	switch len(roots) {
	case 0:
		return nil, &PolicyError{Reason: "every policy in the document inherits from another", Err: ErrInheritanceCycle}
	case 1:
		return inherit(roots[0], ps, true, lim)
	}
	return nil, &PolicyError{Reason: fmt.Sprintf("document holds %d policies that do not inherit from one another; give one per document", len(roots)), Err: ErrInvalidPolicy}
}

// reader turns flattened JSON-LD nodes into the policy model, counting against the bounds.
type reader struct {
	nodes        map[string]map[string]any
	lim          Limits
	nrules       int
	nconstraints int
	policyUID    string
}

var policyClasses = map[string]PolicyType{
	NS + "Policy": Set, NS + "Set": Set, NS + "Offer": Offer, NS + "Agreement": Agreement,
	NS + "Request": Request, NS + "Assertion": Assertion, NS + "Privacy": Privacy, NS + "Ticket": Ticket,
	sotwRequest: Request,
}

// The FORCE evaluation request (https://w3id.org/force/sotw#), the form the ODRL Formal
// Semantics draft and the FORCE test suite use: one requested action on one target by one
// party, with context constraints. It is read as a Request with one permission.
const (
	nsSotw      = "https://w3id.org/force/sotw#"
	sotwRequest = nsSotw + "EvaluationRequest"
	sotwAction  = nsSotw + "requestedAction"
	sotwTarget  = nsSotw + "requestedTarget"
	sotwParty   = nsSotw + "requestingParty"
	sotwContext = nsSotw + "context"
	sotwParam   = nsSotw + "requestParameter"
	sotwValue   = nsSotw + "value"
	sotwFeature = nsSotw + "describesFeature"
)

// sotwFeatures maps the features a FORCE request parameter describes to the ODRL left
// operands whose value it gives; a feature not listed gives the ODRL left operand of its
// name with a lower-case initial (sotw:Spatial → odrl:spatial).
var sotwFeatures = map[string]string{
	nsSotw + "TemporalData":    DateTime,
	nsSotw + "Purpose":         Purpose,
	nsSotw + "DeliveryChannel": NS + "deliveryChannel",
}

// policyIDs lists the policy nodes: those typed with a policy class, or untyped nodes that
// hold rules; sorted so that results do not depend on map order.
func (r *reader) policyIDs() []string {
	var ids []string
	for id, n := range r.nodes {
		if _, ok := policyType(n); ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

func policyType(n map[string]any) (PolicyType, bool) {
	types, _ := n["@type"].([]any)
	for _, t := range types {
		if pt, ok := policyClasses[fmt.Sprint(t)]; ok {
			return pt, true
		}
	}
	if len(types) == 0 {
		for _, k := range [...]string{NS + "permission", NS + "prohibition", NS + "obligation"} {
			if _, ok := n[k]; ok {
				return Set, true
			}
		}
	}
	return "", false
}

// limit reports input over one of the Limits at path.
func (r *reader) limit(path, name string, value, bound int, what string) error {
	return &PolicyError{Policy: r.policyUID, Path: path, Reason: fmt.Sprintf("%s: %d is over the limit %s = %d", what, value, name, bound),
		Err: &LimitError{Limit: name, Value: value, Bound: bound, What: what}}
}

func (r *reader) errf(path string, sentinel error, format string, args ...any) error {
	return &PolicyError{Policy: r.policyUID, Path: path, Reason: fmt.Sprintf(format, args...), Err: sentinel}
}

func (r *reader) policy(id string) (*Policy, error) {
	n := r.nodes[id]
	r.policyUID = nonBlank(id)
	pt, _ := policyType(n)
	p := &Policy{UID: nonBlank(id), Type: pt}
	if hasType(n, sotwRequest) {
		return r.evaluationRequest(p, n)
	}
	p.Profiles = r.iris(n, NS+"profile")
	p.InheritFrom = r.iris(n, NS+"inheritFrom")
	if len(p.InheritFrom) > r.lim.MaxListLength {
		return nil, r.limit("inheritFrom", "MaxListLength", len(p.InheritFrom), r.lim.MaxListLength, "parents")
	}
	if c := r.iris(n, NS+"conflict"); len(c) > 0 {
		if len(c) > 1 {
			return nil, r.errf("conflict", ErrInvalidPolicy, "more than one conflict strategy")
		}
		switch s := ConflictStrategy(Short(c[0])); s {
		case Perm, Prohibit, Invalid:
			p.Conflict = s
		default:
			return nil, r.errf("conflict", ErrInvalidPolicy, "unknown conflict strategy %q; want perm, prohibit or invalid", errs.Clip(c[0], 100))
		}
	}
	var err error
	if p.Target, err = single(r, n, NS+"target", "policy-level target", r.asset); err != nil {
		return nil, err
	}
	if p.Action, err = single(r, n, NS+"action", "policy-level action", r.action); err != nil {
		return nil, err
	}
	if p.Assigner, err = single(r, n, NS+"assigner", "policy-level assigner", r.party); err != nil {
		return nil, err
	}
	if p.Assignee, err = single(r, n, NS+"assignee", "policy-level assignee", r.party); err != nil {
		return nil, err
	}
	for _, k := range [...]struct {
		prop string
		kind RuleKind
		dst  *[]Rule
	}{{NS + "permission", Permission, &p.Permissions}, {NS + "prohibition", Prohibition, &p.Prohibitions}, {NS + "obligation", Duty, &p.Obligations}} {
		for i, ref := range refs(n[k.prop]) {
			rules, err := r.rule(ref, k.kind, Short(k.prop)+"["+strconv.Itoa(i)+"]", 0)
			if err != nil {
				return nil, err
			}
			*k.dst = append(*k.dst, rules...)
		}
	}
	p.compose()
	return p, nil
}

// evaluationRequest reads a FORCE sotw:EvaluationRequest as a Request with one permission.
// The request rule takes the request's IRI, which FORCE reports name as report:ruleRequest.
func (r *reader) evaluationRequest(p *Policy, n map[string]any) (*Policy, error) {
	q := Rule{Kind: Permission, UID: p.UID}
	var err error
	if a := refs(n[sotwAction]); len(a) == 1 {
		q.Action = Action{IRI: canonicalAction(a[0])}
	}
	if q.Target, err = single(r, n, sotwTarget, "requested target", r.asset); err != nil {
		return nil, err
	}
	if q.Assignee, err = single(r, n, sotwParty, "requesting party", r.party); err != nil {
		return nil, err
	}
	if q.Constraints, err = r.constraints(n, sotwContext, "context"); err != nil {
		return nil, err
	}
	if err := r.requestParameters(p, &q, n); err != nil {
		return nil, err
	}
	if q.Action.IRI == "" {
		return nil, r.errf("requestedAction", ErrInvalidPolicy, "an evaluation request names exactly one requested action")
	}
	p.Permissions = []Rule{q}
	return p, nil
}

// requestParameters reads the sotw:requestParameters of a FORCE evaluation request (a value
// and the feature it describes) as eq constraints of the request rule, which give their left
// operands' values to the evaluation, and the rdf:types the document states of the values
// as the request's Memberships.
func (r *reader) requestParameters(p *Policy, q *Rule, n map[string]any) error {
	params := refs(n[sotwParam])
	if len(params) > r.lim.MaxListLength {
		return r.limit("requestParameter", "MaxListLength", len(params), r.lim.MaxListLength, "request parameters")
	}
	for i, id := range params {
		path := "requestParameter[" + strconv.Itoa(i) + "]"
		pn := r.nodes[id]
		feature := first(r.iris(pn, sotwFeature))
		raw, ok := pn[sotwValue]
		if feature == "" || !ok {
			return r.errf(path, ErrInvalidPolicy, "a request parameter needs a sotw:value and a sotw:describesFeature")
		}
		left, ok := sotwFeatures[feature]
		if !ok {
			local := Short(strings.TrimPrefix(feature, nsSotw))
			if local == "" || strings.ContainsAny(local, ":/#") {
				return r.errf(path, ErrInvalidPolicy, "feature %q is not a FORCE feature", errs.Clip(feature, 100))
			}
			left = NS + strings.ToLower(local[:1]) + local[1:]
		}
		v, err := r.value(raw, path+".value")
		if err != nil {
			return err
		}
		c := Constraint{LeftOperand: left, Operator: Eq, RightOperand: v}
		if c.RightOperand, err = typeRightOperand(c); err != nil {
			return &PolicyError{Policy: r.policyUID, Path: path, Reason: strings.TrimPrefix(err.Error(), "odrl: mismatched operand types: "), Err: ErrOperandType}
		}
		if r.nconstraints++; r.nconstraints > r.lim.MaxConstraints {
			return r.limit(path, "MaxConstraints", r.nconstraints, r.lim.MaxConstraints, "constraints")
		}
		q.Constraints = append(q.Constraints, c)
		for j := range count(v) {
			if e := at(v, j); e.Kind == KindIRI {
				if types := typesOf(r.nodes[e.Lexical]); len(types) > 0 {
					if p.Memberships == nil {
						p.Memberships = map[string][]string{}
					}
					p.Memberships[e.Lexical] = types
				}
			}
		}
	}
	return nil
}

// single reads a property that the model holds once at the policy level.
func single[T any](r *reader, n map[string]any, prop, what string, read func(id, path string) (T, error)) (*T, error) {
	vs := refs(n[prop])
	switch len(vs) {
	case 0:
		return nil, nil
	case 1:
		v, err := read(vs[0], Short(prop))
		return &v, err
	}
	return nil, r.errf(Short(prop), ErrInvalidPolicy, "%s must be single; put several on the rules instead", what)
}

// rule reads one rule node and splits it into atomic rules, one per combination of its
// actions, targets, assigners and assignees (Information Model §2.7.1).
func (r *reader) rule(id string, kind RuleKind, path string, depth int) ([]Rule, error) {
	if depth > r.lim.MaxDepth {
		return nil, r.limit(path, "MaxDepth", depth, r.lim.MaxDepth, "nesting of duties (or a cycle)")
	}
	n := r.nodes[id]
	base := Rule{UID: nonBlank(id), Kind: kind}
	actions, err := readAll(r, n, NS+"action", path, r.action)
	if err != nil {
		return nil, err
	}
	targets, err := readAll(r, n, NS+"target", path, r.asset)
	if err != nil {
		return nil, err
	}
	assigners, err := readAll(r, n, NS+"assigner", path, r.party)
	if err != nil {
		return nil, err
	}
	assignees, err := readAll(r, n, NS+"assignee", path, r.party)
	if err != nil {
		return nil, err
	}
	if o, err := readAll(r, n, NS+"output", path, r.asset); err != nil {
		return nil, err
	} else if len(o) > 0 {
		base.Output = &o[0]
	}
	if base.Constraints, err = r.constraints(n, NS+"constraint", path); err != nil {
		return nil, err
	}
	base.Functions, err = r.functions(n, path)
	if err != nil {
		return nil, err
	}
	for _, sub := range [...]struct {
		prop string
		dst  *[]Rule
	}{{NS + "duty", &base.Duties}, {NS + "remedy", &base.Remedies}, {NS + "consequence", &base.Consequences}} {
		for i, ref := range refs(n[sub.prop]) {
			rs, err := r.rule(ref, Duty, subPath(path, sub.prop, i), depth+1)
			if err != nil {
				return nil, err
			}
			*sub.dst = append(*sub.dst, rs...)
		}
	}
	combos := max(len(actions), 1) * max(len(targets), 1) * max(len(assigners), 1) * max(len(assignees), 1)
	if r.nrules += combos; r.nrules > r.lim.MaxRules {
		return nil, r.limit(path, "MaxRules", r.nrules, r.lim.MaxRules, "atomic rules")
	}
	out := make([]Rule, 0, combos)
	for _, a := range orOne(actions) {
		for _, t := range orOne(targets) {
			for _, ar := range orOne(assigners) {
				for _, ae := range orOne(assignees) {
					rl := base
					if a != nil {
						rl.Action = *a
					}
					rl.Target, rl.Assigner, rl.Assignee = t, ar, ae
					out = append(out, rl)
				}
			}
		}
	}
	return out, nil
}

// orOne returns pointers to the elements of xs, or a single nil when xs is empty.
func orOne[T any](xs []T) []*T {
	if len(xs) == 0 {
		return []*T{nil}
	}
	out := make([]*T, len(xs))
	for i := range xs {
		out[i] = &xs[i]
	}
	return out
}

func readAll[T any](r *reader, n map[string]any, prop, path string, read func(id, path string) (T, error)) ([]T, error) {
	vs := refs(n[prop])
	if len(vs) > r.lim.MaxListLength {
		return nil, r.limit(path+"."+Short(prop), "MaxListLength", len(vs), r.lim.MaxListLength, "values")
	}
	out := make([]T, 0, len(vs))
	for i, v := range vs {
		x, err := read(v, subPath(path, prop, i))
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, nil
}

// functionRoles are the party functions of ODRL 2.2 besides assigner and assignee
// (Vocabulary §4.3).
var functionRoles = [...]string{
	NS + "attributedParty", NS + "attributingParty", NS + "compensatedParty", NS + "compensatingParty",
	NS + "consentingParty", NS + "consentedParty", NS + "informedParty", NS + "informingParty",
	NS + "trackingParty", NS + "trackedParty", NS + "contractingParty", NS + "contractedParty",
}

func (r *reader) functions(n map[string]any, path string) ([]Function, error) {
	var out []Function
	for _, role := range functionRoles {
		ps, err := readAll(r, n, role, path, r.party)
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			out = append(out, Function{Role: role, Party: p})
		}
	}
	return out, nil
}

func (r *reader) action(id, path string) (Action, error) {
	n, ok := r.nodes[id]
	if !ok {
		return Action{IRI: canonicalAction(id)}, nil
	}
	a := Action{IRI: canonicalAction(id)}
	if v := refs(n[rdfVal]); len(v) > 0 {
		a.IRI = canonicalAction(v[0])
	} else if strings.HasPrefix(id, "_:") {
		return Action{}, r.errf(path, ErrInvalidPolicy, "action has no rdf:value")
	}
	var err error
	a.Refinements, err = r.constraints(n, NS+"refinement", path)
	return a, err
}

func (r *reader) asset(id, path string) (Asset, error) {
	n := r.nodes[id]
	a := Asset{UID: nonBlank(id)}
	a.Collection = hasType(n, NS+"AssetCollection")
	a.Source = first(r.iris(n, NS+"source"))
	a.PartOf = r.iris(n, NS+"partOf")
	var err error
	if a.Refinements, err = r.constraints(n, NS+"refinement", path); err != nil {
		return Asset{}, err
	}
	if a.id() == "" {
		return Asset{}, r.errf(path, ErrInvalidPolicy, "asset has neither uid nor source")
	}
	return a, nil
}

func (r *reader) party(id, path string) (Party, error) {
	n := r.nodes[id]
	p := Party{UID: nonBlank(id)}
	p.Collection = hasType(n, NS+"PartyCollection")
	p.Source = first(r.iris(n, NS+"source"))
	p.PartOf = r.iris(n, NS+"partOf")
	var err error
	if p.Refinements, err = r.constraints(n, NS+"refinement", path); err != nil {
		return Party{}, err
	}
	if p.id() == "" {
		return Party{}, r.errf(path, ErrInvalidPolicy, "party has neither uid nor source")
	}
	return p, nil
}

func (r *reader) constraints(n map[string]any, prop, path string) ([]Constraint, error) {
	vs := refs(n[prop])
	var out []Constraint
	for i, id := range vs {
		c, err := r.constraint(id, subPath(path, prop, i), 0)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

var logicalOperators = [...]LogicalOperator{And, Or, Xone, AndSequence}

func (r *reader) constraint(id, path string, depth int) (Constraint, error) {
	if depth > r.lim.MaxDepth {
		return Constraint{}, r.limit(path, "MaxDepth", depth, r.lim.MaxDepth, "nesting of logical constraints (or a cycle)")
	}
	if r.nconstraints++; r.nconstraints > r.lim.MaxConstraints {
		return Constraint{}, r.limit(path, "MaxConstraints", r.nconstraints, r.lim.MaxConstraints, "constraints")
	}
	n := r.nodes[id]
	c := Constraint{UID: nonBlank(id)}
	for _, op := range logicalOperators {
		v, ok := n[string(op)]
		if !ok {
			continue
		}
		if c.Logic != "" {
			return Constraint{}, r.errf(path, ErrInvalidPolicy, "logical constraint has both %s and %s", Short(string(c.Logic)), Short(string(op)))
		}
		c.Logic = op
		ids := refs(v)
		if len(ids) > r.lim.MaxListLength {
			return Constraint{}, r.limit(path, "MaxListLength", len(ids), r.lim.MaxListLength, "operands")
		}
		for i, oid := range ids {
			if _, defined := r.nodes[oid]; !defined {
				return Constraint{}, r.errf(path, ErrInvalidPolicy, "operand %q of %s is not defined in the document", errs.Clip(oid, 100), Short(string(op)))
			}
			sub, err := r.constraint(oid, subPath(path, string(op), i), depth+1)
			if err != nil {
				return Constraint{}, err
			}
			c.Operands = append(c.Operands, sub)
		}
		if len(c.Operands) == 0 {
			return Constraint{}, r.errf(path, ErrInvalidPolicy, "%s has no operand", Short(string(op)))
		}
	}
	if c.Logic != "" {
		return c, nil
	}
	c.LeftOperand = leftOperandIRI(first(r.iris(n, NS+"leftOperand")))
	c.Operator = operatorIRI(first(r.iris(n, NS+"operator")))
	if c.LeftOperand == "" || c.Operator == "" {
		return Constraint{}, r.errf(path, ErrInvalidPolicy, "constraint needs a leftOperand and an operator")
	}
	c.Unit = first(r.strs(n, NS+"unit"))
	c.DataType = expandXSD(first(r.strs(n, NS+"datatype")))
	c.RightOperandReference = first(r.strs(n, NS+"rightOperandReference"))
	var err error
	if v, ok := n[NS+"rightOperand"]; ok {
		if c.RightOperand, err = r.value(v, path+".rightOperand"); err != nil {
			return Constraint{}, err
		}
	}
	if v, ok := n[NS+"status"]; ok {
		if c.Status, err = r.value(v, path+".status"); err != nil {
			return Constraint{}, err
		}
	}
	switch {
	case c.RightOperand.IsZero() == (c.RightOperandReference == ""):
		return Constraint{}, r.errf(path, ErrInvalidPolicy, "constraint needs exactly one of rightOperand and rightOperandReference")
	case c.RightOperandReference == "":
		if c.RightOperand, err = typeRightOperand(c); err != nil {
			return Constraint{}, &PolicyError{Policy: r.policyUID, Path: path, Reason: strings.TrimPrefix(err.Error(), "odrl: mismatched operand types: "), Err: ErrOperandType}
		}
	}
	return c, nil
}

// value reads the JSON-LD values of a right operand or status: one value, or a list.
func (r *reader) value(v any, path string) (Value, error) {
	vs, _ := v.([]any)
	if len(vs) > r.lim.MaxListLength {
		return Value{}, r.limit(path, "MaxListLength", len(vs), r.lim.MaxListLength, "values")
	}
	var out []Value
	for _, x := range vs {
		m, _ := x.(map[string]any)
		if l, ok := m["@list"]; ok {
			lv, err := r.value(l, path)
			if err != nil {
				return Value{}, err
			}
			if lv.Kind == KindList {
				out = append(out, lv.List...)
			} else if !lv.IsZero() {
				out = append(out, lv)
			}
			continue
		}
		e, err := literal(m)
		if err != nil {
			return Value{}, &PolicyError{Policy: r.policyUID, Path: path, Reason: err.Error(), Err: ErrOperandType}
		}
		out = append(out, e)
	}
	switch len(out) {
	case 0:
		return Value{}, nil
	case 1:
		if _, isList := vs[0].(map[string]any)["@list"]; !isList {
			return out[0], nil
		}
	}
	if len(out) > r.lim.MaxListLength {
		return Value{}, r.limit(path, "MaxListLength", len(out), r.lim.MaxListLength, "values")
	}
	return List(out...), nil
}

// literal reads one expanded JSON-LD value object or node reference.
func literal(m map[string]any) (Value, error) {
	if id, ok := m["@id"].(string); ok {
		return IRI(id), nil
	}
	dt, _ := m["@type"].(string)
	switch x := m["@value"].(type) {
	case string:
		return Literal(x, dt)
	case json.Number:
		if dt == "" {
			dt = XSDDecimal
		}
		return Literal(x.String(), dt)
	case float64: // numbers from a caller-built document; never from ParsePolicy's decoder
		return Literal(fmt.Sprint(x), XSDDouble)
	case bool:
		return Literal(fmt.Sprint(x), XSDBoolean)
	}
	return Value{}, errors.New("right operand is neither a literal nor an IRI")
}

// typeRightOperand checks a right operand against its left operand and operator, and reads
// it as the kind they need (ODRL 2.2 Vocabulary §4.5 gives each left operand's range).
func typeRightOperand(c Constraint) (Value, error) {
	v := c.RightOperand
	if c.DataType != "" && v.Kind == KindString && v.Datatype == "" {
		typed, err := Literal(v.Lexical, c.DataType)
		if err != nil {
			return Value{}, err
		}
		v = typed
	}
	ordering := c.Operator == Lt || c.Operator == Lteq || c.Operator == Gt || c.Operator == Gteq
	listOp := c.Operator == IsAllOf || c.Operator == IsAnyOf || c.Operator == IsNoneOf
	if v.Kind == KindList && !listOp && c.Operator != IsPartOf && c.Operator != HasPart && c.Operator != IsA {
		if c.Operator.Known() {
			return Value{}, fmt.Errorf("%w: %s takes one right operand, got a list of %d", ErrOperandType, Short(string(c.Operator)), len(v.List))
		}
	}
	if v.Kind == KindIRI && v.Lexical == policyUsage {
		return v, nil // the instant of use; compared with dateTime-like operands
	}
	switch leftOperandKinds[c.LeftOperand] {
	case kindDateTime:
		return v.as(KindDateTime)
	case kindDuration:
		return v.as(KindDuration)
	case kindDecimal:
		return v.as(KindDecimal)
	case kindIRI:
		if ordering {
			return Value{}, fmt.Errorf("%w: %s compares IRIs, which have no order", ErrOperandType, Short(string(c.Operator)))
		}
		return v, nil
	case kindVersion:
		if ordering {
			if _, ok := compareVersions(v.Lexical, v.Lexical); !ok {
				return Value{}, fmt.Errorf("%w: version %q is not dotted numbers", ErrOperandType, errs.Clip(v.Lexical, 64))
			}
		}
		return v, nil
	}
	if ordering && (v.Kind == KindIRI || v.Kind == KindBoolean || v.Kind == KindList) {
		return Value{}, fmt.Errorf("%w: %s needs an ordered right operand, got %s", ErrOperandType, Short(string(c.Operator)), v.Kind)
	}
	return v, nil
}

// operatorIRI maps the ODRL context's erratum odrl:neg back to odrl:neq.
func operatorIRI(iri string) Operator {
	if iri == NS+"neg" {
		return Neq
	}
	return Operator(iri)
}

// leftOperandIRI maps the ODRL context's erratum odrl:industry: back to odrl:industry.
func leftOperandIRI(iri string) string {
	if iri == NS+"industry:" {
		return Industry
	}
	return iri
}

// expandXSD expands an "xsd:" CURIE that the ODRL context leaves as a literal (its
// dataType term is typed xsd:anyType rather than @id).
func expandXSD(s string) string {
	if rest, ok := strings.CutPrefix(s, "xsd:"); ok {
		return nsXSD + rest
	}
	return s
}

// subPath locates the i-th value of a property under path: "permission[0].constraint[2]".
func subPath(path, prop string, i int) string {
	return path + "." + Short(prop) + "[" + strconv.Itoa(i) + "]"
}

// refs returns the @id of each node reference in an expanded property value.
func refs(v any) []string {
	vs, _ := v.([]any)
	var out []string
	for _, x := range vs {
		if m, ok := x.(map[string]any); ok {
			if id, ok := m["@id"].(string); ok {
				out = append(out, id)
			} else if l, ok := m["@list"]; ok {
				out = append(out, refs(l)...)
			}
		}
	}
	return out
}

// iris returns the IRIs of an ODRL property.
func (r *reader) iris(n map[string]any, prop string) []string { return refs(n[prop]) }

// strs returns the IRIs or the string literals of an ODRL property.
func (r *reader) strs(n map[string]any, prop string) []string {
	vs, _ := n[prop].([]any)
	var out []string
	for _, x := range vs {
		m, _ := x.(map[string]any)
		if id, ok := m["@id"].(string); ok {
			out = append(out, id)
		} else if s, ok := m["@value"].(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// typesOf returns a node's @type IRIs.
func typesOf(n map[string]any) []string {
	types, _ := n["@type"].([]any)
	out := make([]string, 0, len(types))
	for _, t := range types {
		if s, ok := t.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func hasType(n map[string]any, class string) bool {
	types, _ := n["@type"].([]any)
	for _, t := range types {
		if t == class {
			return true
		}
	}
	return false
}

func first(xs []string) string {
	if len(xs) == 0 {
		return ""
	}
	return xs[0]
}

// nonBlank returns id, or "" for a blank-node identifier, which names nothing outside the
// document it came from.
func nonBlank(id string) string {
	if strings.HasPrefix(id, "_:") {
		return ""
	}
	return id
}
