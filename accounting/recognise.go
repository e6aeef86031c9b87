package accounting

import (
	"strings"
)

// Decision is the recognition of a data resource: its class, why, and the articles the reason
// rests on. Unmet lists the criteria that were not met (empty when recognised as an asset).
type Decision struct {
	Class    Class    `json:"class"`
	Reason   string   `json:"reason"`
	Articles []string `json:"articles"`
	Unmet    []string `json:"unmet,omitempty"`
}

// Article citations, said once.
const (
	art11Scope      = "财会〔2023〕11号 一"
	art11Intangible = "财会〔2023〕11号 二(一)1"
	art11Purchased  = "财会〔2023〕11号 二(一)2"
	art11Developed  = "财会〔2023〕11号 二(一)3"
	art11Inventory  = "财会〔2023〕11号 二(二)"
	art11Prospect   = "财会〔2023〕11号 四"
	cas6Def         = "CAS 6 art. 3"
	cas6Recognise   = "CAS 6 art. 4"
	cas6Research    = "CAS 6 art. 8"
	cas6Develop     = "CAS 6 art. 9"
	cas6Purchased   = "CAS 6 art. 12"
	cas6DevCost     = "CAS 6 art. 13"
	cas6Contributed = "CAS 6 art. 14"
	cas1Def         = "CAS 1 art. 3"
	cas1Recognise   = "CAS 1 art. 4"
	cas1Purchase    = "CAS 1 art. 6"
	cas1Conversion  = "CAS 1 art. 7"
	cas1Excluded    = "CAS 1 art. 9"
	cas1Other       = "CAS 1 arts. 11–12"
)

// Recognise classifies r by its intended use, its route and the judgements in r.Criteria:
//
//   - held for sale in the ordinary course of business → inventory, if controlled, benefits
//     are probable and cost is reliable (财会〔2023〕11号 二(二); CAS 1 arts. 3–4);
//   - used by the enterprise or to serve or license others → intangible asset, if controlled,
//     identifiable, benefits are probable and cost is reliable (财会〔2023〕11号 二(一)1;
//     CAS 6 arts. 3–4), and, when developed internally, all five development conditions of
//     CAS 6 art. 9 are met (财会〔2023〕11号 二(一)3);
//   - otherwise → expense: the resource is within the provisions' scope but not an asset
//     (财会〔2023〕11号 一), and its costs go to profit or loss.
//
// Errors: an *InputError for an unknown route or use.
func Recognise(r Resource) (Decision, error) {
	if err := checkRouteUse(r, "resource"); err != nil {
		return Decision{}, err
	}
	c := r.Criteria
	var unmet []string
	need := func(ok bool, what string) {
		if !ok {
			unmet = append(unmet, what)
		}
	}
	if r.Use == Sale {
		need(c.Controlled, "controlled ("+cas1Def+")")
		need(c.ProbableBenefits, "probable economic benefits ("+cas1Recognise+"(一))")
		need(c.ReliableCost, "reliable cost ("+cas1Recognise+"(二))")
		if unmet == nil {
			return Decision{Class: Inventory, Articles: []string{art11Inventory, cas1Def, cas1Recognise},
				Reason: "held for sale in the ordinary course of business and meets the inventory definition and recognition conditions"}, nil
		}
		return expensed(unmet, art11Inventory, cas1Recognise), nil
	}
	need(c.Controlled, "controlled ("+cas6Def+")")
	need(c.Identifiable, "identifiable ("+cas6Def+")")
	need(c.ProbableBenefits, "probable economic benefits ("+cas6Recognise+"(一))")
	need(c.ReliableCost, "reliable cost ("+cas6Recognise+"(二))")
	arts := []string{art11Intangible, cas6Def, cas6Recognise}
	if r.Route == Developed {
		d := c.Development
		need(d.TechnicallyFeasible, "technical feasibility ("+cas6Develop+"(一))")
		need(d.IntentToComplete, "intention to complete ("+cas6Develop+"(二))")
		need(d.BenefitsDemonstrated, "a market or usefulness demonstrated ("+cas6Develop+"(三))")
		need(d.ResourcesAvailable, "adequate resources ("+cas6Develop+"(四))")
		need(d.CostsMeasurable, "development expenditure measurable ("+cas6Develop+"(五))")
		arts = append(arts, art11Developed, cas6Develop)
	}
	if unmet != nil {
		return expensed(unmet, arts[1:]...), nil
	}
	use := "used in the enterprise's own operations"
	if r.Use == Licensing {
		use = "used to provide services and licences to others"
	}
	return Decision{Class: Intangible, Articles: arts,
		Reason: use + " and meets the intangible-asset definition and recognition conditions"}, nil
}

func expensed(unmet []string, articles ...string) Decision {
	return Decision{Class: Expensed, Unmet: unmet, Articles: append([]string{art11Scope}, articles...),
		Reason: "not recognised as an asset, its costs are expensed: not met — " + strings.Join(unmet, "; ")}
}

func checkRouteUse(r Resource, field string) error {
	switch r.Route {
	case Purchased, Developed, OtherWay:
	default:
		return inputError(field+".route", r.Route, `be "purchased", "developed" or "other"`)
	}
	switch r.Use {
	case OwnUse, Licensing, Sale:
	default:
		return inputError(field+".use", r.Use, `be "own-use", "licensing" or "sale"`)
	}
	return nil
}
