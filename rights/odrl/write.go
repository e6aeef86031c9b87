package odrl

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/dataassay/assay/internal/errs"
	"github.com/piprate/json-gold/ld"
)

// MarshalJSONLD writes the policy as compact JSON-LD with the ODRL 2.2 context
// ({"@context": "http://www.w3.org/ns/odrl.jsonld", …}), compacted by the JSON-LD processor
// from the policy's expanded form. Rules are written in composed, atomic form next to the
// policy-level elements, so ParsePolicy reads back the same policy. Operators and left
// operands that the context misspells (neq, industry) are written as odrl:neq and
// odrl:industry, which every reader expands correctly.
func (p *Policy) MarshalJSONLD() ([]byte, error) {
	if p == nil {
		return nil, fmt.Errorf("%w: nil policy", ErrInvalidPolicy)
	}
	compacted, err := ld.NewJsonLdProcessor().Compact(p.expanded(), map[string]any{"@context": ContextIRI}, offlineOptions())
	if err != nil {
		return nil, fmt.Errorf("odrl: compacting policy %s: %v", errs.Clip(p.UID, 200), err)
	}
	return marshalIndent(compacted)
}

// MarshalJSON writes the policy as MarshalJSONLD does, so that a Policy inside a JSON
// document is written in its standard form.
func (p *Policy) MarshalJSON() ([]byte, error) { return p.MarshalJSONLD() }

// UnmarshalJSON reads a policy as ParsePolicy does.
func (p *Policy) UnmarshalJSON(data []byte) error {
	q, err := ParsePolicy(data)
	if err != nil {
		return err
	}
	*p = *q
	return nil
}

func marshalIndent(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// expanded returns the policy in expanded JSON-LD form.
func (p *Policy) expanded() map[string]any {
	n := map[string]any{"@type": []any{NS + string(p.Type)}}
	if p.UID != "" {
		n["@id"] = p.UID
	}
	setIRIs(n, "profile", p.Profiles)
	setIRIs(n, "inheritFrom", p.InheritFrom)
	if p.Conflict != "" {
		n[NS+"conflict"] = []any{map[string]any{"@id": NS + string(p.Conflict)}}
	}
	if p.Target != nil {
		n[NS+"target"] = []any{assetNode(p.Target)}
	}
	if p.Action != nil {
		n[NS+"action"] = []any{actionNode(*p.Action)}
	}
	if p.Assigner != nil {
		n[NS+"assigner"] = []any{partyNode(p.Assigner)}
	}
	if p.Assignee != nil {
		n[NS+"assignee"] = []any{partyNode(p.Assignee)}
	}
	setRules(n, "permission", p.Permissions)
	setRules(n, "prohibition", p.Prohibitions)
	setRules(n, "obligation", p.Obligations)
	return n
}

func setIRIs(n map[string]any, prop string, iris []string) {
	if len(iris) == 0 {
		return
	}
	vs := make([]any, len(iris))
	for i, s := range iris {
		vs[i] = map[string]any{"@id": s}
	}
	n[NS+prop] = vs
}

func setRules(n map[string]any, prop string, rs []Rule) {
	if len(rs) == 0 {
		return
	}
	vs := make([]any, len(rs))
	for i := range rs {
		vs[i] = ruleNode(&rs[i])
	}
	n[NS+prop] = vs
}

func ruleNode(r *Rule) map[string]any {
	n := map[string]any{}
	if r.UID != "" {
		n["@id"] = r.UID
	}
	if r.Action.IRI != "" {
		n[NS+"action"] = []any{actionNode(r.Action)}
	}
	if r.Target != nil {
		n[NS+"target"] = []any{assetNode(r.Target)}
	}
	if r.Output != nil {
		n[NS+"output"] = []any{assetNode(r.Output)}
	}
	if r.Assigner != nil {
		n[NS+"assigner"] = []any{partyNode(r.Assigner)}
	}
	if r.Assignee != nil {
		n[NS+"assignee"] = []any{partyNode(r.Assignee)}
	}
	for _, f := range r.Functions {
		vs, _ := n[f.Role].([]any)
		n[f.Role] = append(vs, partyNode(&f.Party))
	}
	setConstraints(n, "constraint", r.Constraints)
	setRules(n, "duty", r.Duties)
	setRules(n, "remedy", r.Remedies)
	setRules(n, "consequence", r.Consequences)
	return n
}

func actionNode(a Action) map[string]any {
	if len(a.Refinements) == 0 {
		return map[string]any{"@id": a.IRI}
	}
	n := map[string]any{rdfVal: []any{map[string]any{"@id": a.IRI}}}
	setConstraints(n, "refinement", a.Refinements)
	return n
}

func assetNode(a *Asset) map[string]any {
	return elementNode(a.UID, a.Source, a.Collection, "AssetCollection", a.PartOf, a.Refinements)
}

func partyNode(p *Party) map[string]any {
	return elementNode(p.UID, p.Source, p.Collection, "PartyCollection", p.PartOf, p.Refinements)
}

func elementNode(uid, source string, collection bool, class string, partOf []string, refinements []Constraint) map[string]any {
	n := map[string]any{}
	if uid != "" {
		n["@id"] = uid
	}
	if collection {
		n["@type"] = []any{NS + class}
	}
	if source != "" {
		n[NS+"source"] = []any{map[string]any{"@id": source}}
	}
	setIRIs(n, "partOf", partOf)
	setConstraints(n, "refinement", refinements)
	return n
}

func setConstraints(n map[string]any, prop string, cs []Constraint) {
	if len(cs) == 0 {
		return
	}
	vs := make([]any, len(cs))
	for i := range cs {
		vs[i] = constraintNode(&cs[i])
	}
	n[NS+prop] = vs
}

func constraintNode(c *Constraint) map[string]any {
	n := map[string]any{}
	if c.UID != "" {
		n["@id"] = c.UID
	}
	if c.Logic != "" {
		ops := make([]any, len(c.Operands))
		for i := range c.Operands {
			ops[i] = constraintNode(&c.Operands[i])
		}
		if c.Logic == AndSequence {
			n[string(c.Logic)] = []any{map[string]any{"@list": ops}}
		} else {
			n[string(c.Logic)] = ops
		}
		return n
	}
	n[NS+"leftOperand"] = []any{map[string]any{"@id": c.LeftOperand}}
	n[NS+"operator"] = []any{map[string]any{"@id": string(c.Operator)}}
	if !c.RightOperand.IsZero() {
		n[NS+"rightOperand"] = valueNodes(c.RightOperand)
	}
	if c.RightOperandReference != "" {
		n[NS+"rightOperandReference"] = []any{map[string]any{"@value": c.RightOperandReference, "@type": XSDAnyURI}}
	}
	if c.DataType != "" {
		n[NS+"datatype"] = []any{map[string]any{"@value": c.DataType, "@type": nsXSD + "anyType"}}
	}
	if c.Unit != "" {
		if strings.Contains(c.Unit, ":") {
			n[NS+"unit"] = []any{map[string]any{"@id": c.Unit}}
		} else {
			n[NS+"unit"] = []any{map[string]any{"@value": c.Unit}}
		}
	}
	if !c.Status.IsZero() {
		n[NS+"status"] = valueNodes(c.Status)
	}
	return n
}

// valueNodes is the expanded form of an operand: one value object or node reference, or a
// @list for a list.
func valueNodes(v Value) []any {
	if v.Kind == KindList {
		items := make([]any, len(v.List))
		for i, e := range v.List {
			items[i] = valueJSON(e)
		}
		return []any{map[string]any{"@list": items}}
	}
	return []any{valueJSON(v)}
}
