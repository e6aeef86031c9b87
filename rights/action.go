package rights

import "slices"

// Action is an ODRL 2.2 action, named as in the ODRL Common Vocabulary
// (https://www.w3.org/TR/odrl-vocab/, namespace http://www.w3.org/ns/odrl/2/) without its
// namespace: "use", "read", "derive", "transfer", "sell", "grantUse" …
//
// Actions form ODRL's hierarchy: every action is odrl:includedIn, transitively, one of the
// two roots "use" and "transfer", so a scope that permits "use" permits "read", and one that
// permits "reproduce" permits "extract". The deprecated terms of ODRL 2.2 (copy, license,
// pay, …) are not valid actions: use their replacements (reproduce, grantUse, compensate).
type Action string

// The actions that data-exchange licenses name most often. Every non-deprecated action of
// ODRL 2.2 is valid; see Actions.
const (
	ActionUse        Action = "use"        // root: any use of the asset
	ActionTransfer   Action = "transfer"   // root: transfer of ownership
	ActionRead       Action = "read"       // obtain data from the asset
	ActionReproduce  Action = "reproduce"  // make an exact copy
	ActionExtract    Action = "extract"    // extract a part (within reproduce)
	ActionDerive     Action = "derive"     // create a new derivative asset
	ActionAggregate  Action = "aggregate"  // combine with other assets
	ActionAnonymize  Action = "anonymize"  // anonymise all or parts
	ActionTransform  Action = "transform"  // make a new form of the asset
	ActionIndex      Action = "index"      // record the asset in an index
	ActionDistribute Action = "distribute" // supply the asset to third parties
	ActionGrantUse   Action = "grantUse"   // grant the use of the asset to third parties
	ActionSell       Action = "sell"       // transfer ownership for a payment (within transfer)
	ActionGive       Action = "give"       // transfer ownership for free (within transfer)
	ActionArchive    Action = "archive"    // store the asset in a persistent form
	ActionDelete     Action = "delete"     // permanently remove all copies
)

// actionParent is ODRL 2.2's odrl:includedIn relation for every non-deprecated action of the
// Core and Common Vocabularies, transcribed from ODRL22.ttl (W3C, 2018-02-15). The two roots
// map to "". It is read-only.
var actionParent = map[Action]Action{
	"use": "", "transfer": "",
	"acceptTracking": "use", "aggregate": "use", "annotate": "use", "anonymize": "use",
	"archive": "use", "attribute": "use", "compensate": "use", "concurrentUse": "use",
	"delete": "use", "derive": "use", "digitize": "use", "display": "play",
	"distribute": "use", "ensureExclusivity": "use", "execute": "use", "extract": "reproduce",
	"give": "transfer", "grantUse": "use", "include": "use", "index": "use", "inform": "use",
	"install": "use", "modify": "use", "move": "use", "nextPolicy": "use",
	"obtainConsent": "use", "play": "use", "present": "use", "print": "use", "read": "use",
	"reproduce": "use", "reviewPolicy": "use", "sell": "transfer", "stream": "use",
	"synchronize": "use", "textToSpeech": "use", "transform": "use", "translate": "use",
	"uninstall": "use", "watermark": "use",
}

// Valid reports whether a is a non-deprecated ODRL 2.2 action.
func (a Action) Valid() bool {
	_, ok := actionParent[a]
	return ok
}

// Parent returns the action a is directly odrl:includedIn, or "" for the roots "use" and
// "transfer" and for an invalid action.
func (a Action) Parent() Action { return actionParent[a] }

// Within reports whether a is b or is included in b, transitively (ODRL 2.2 §2.5.1: a rule
// on an action covers the actions included in it): "read" is within "use", "extract" within
// "reproduce" and "use", "sell" within "transfer". An invalid action is within nothing.
func (a Action) Within(b Action) bool {
	if !a.Valid() || !b.Valid() {
		return false
	}
	// The hierarchy is at most three deep (display ⊂ play ⊂ use).
	for ; a != ""; a = actionParent[a] {
		if a == b {
			return true
		}
	}
	return false
}

// Actions returns every valid action, sorted by name.
func Actions() []Action {
	as := make([]Action, 0, len(actionParent))
	for a := range actionParent {
		as = append(as, a)
	}
	slices.Sort(as)
	return as
}

// IRI returns the action's full ODRL IRI, "http://www.w3.org/ns/odrl/2/read".
func (a Action) IRI() string { return "http://www.w3.org/ns/odrl/2/" + string(a) }
