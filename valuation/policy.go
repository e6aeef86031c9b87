package valuation

import (
	"fmt"
	"strconv"
)

// Policy bounds the useful lives a schedule accepts, in whole years. The zero Policy accepts
// 3 to 10 years: data infrastructure (urban networks, data centres, city big-data platforms)
// and data resources recognised under the Ministry of Finance's 2023 provisional rules
// (财会〔2023〕11号) are in practice amortised straight line over 3–10 years; hyperscalers
// depreciate servers over 5–6 years; and the PRC tax floor for electronic equipment is 3 years.
// A life outside the bounds is more often a typing error (months entered as years) than a
// judgement, so NewSchedule rejects it unless the policy is widened.
//
// A Policy is a small value, safe to copy and to share between goroutines.
type Policy struct {
	MinYears int `json:"minYears,omitempty"` // shortest accepted life; zero means 3
	MaxYears int `json:"maxYears,omitempty"` // longest accepted life; zero means 10
}

// The default bounds of the zero Policy.
const (
	DefaultMinLifeYears = 3
	DefaultMaxLifeYears = 10
)

// AssetClass is the class of asset whose minimum depreciation life the PRC Enterprise Income
// Tax Law Implementation Regulations set. The zero value is Unclassified. It is a plain value,
// safe for concurrent use.
type AssetClass uint8

// The asset classes with a statutory minimum life.
const (
	Unclassified        AssetClass = iota
	Buildings                      // 房屋、建筑物: 20 years (Art. 60)
	Machinery                      // 飞机、火车、轮船、机器、机械和其他生产设备: 10 years (Art. 60)
	Tools                          // 与生产经营活动有关的器具、工具、家具等: 5 years (Art. 60)
	Vehicles                       // 飞机、火车、轮船以外的运输工具: 4 years (Art. 60)
	ElectronicEquipment            // 电子设备 (servers, storage, network): 3 years (Art. 60)
	Intangible                     // 无形资产: 10 years (Art. 67), unless law or contract sets a term
	PurchasedSoftware              // 外购软件: 2 years (财税〔2012〕27号, art. 7)
)

var assetClassMinYears = [...]int{0, 20, 10, 5, 4, 3, 10, 2}

// TaxMinimumYears returns the minimum depreciation or amortisation life in years that PRC
// enterprise income tax allows for the class (Implementation Regulations of the Enterprise
// Income Tax Law, Arts. 60 and 67; Caishui [2012] No. 27, art. 7), or 0 for Unclassified.
func (c AssetClass) TaxMinimumYears() int {
	if int(c) < len(assetClassMinYears) {
		return assetClassMinYears[c]
	}
	return 0
}

// PRCTaxPolicy returns the Policy that accepts any life from the PRC tax minimum of class up
// to 50 years: electronic equipment ≥ 3, intangible assets ≥ 10, purchased software ≥ 2.
// For Unclassified it returns the zero Policy.
func PRCTaxPolicy(class AssetClass) Policy {
	if years := class.TaxMinimumYears(); years > 0 {
		return Policy{MinYears: years, MaxYears: 50}
	}
	return Policy{}
}

// Bounds returns the accepted range of lives with the zero fields replaced by their defaults.
func (p Policy) Bounds() (minYears, maxYears int) {
	minYears, maxYears = p.MinYears, p.MaxYears
	if minYears == 0 {
		minYears = DefaultMinLifeYears
	}
	if maxYears == 0 {
		maxYears = DefaultMaxLifeYears
	}
	return minYears, maxYears
}

// Check returns an error wrapping ErrInvalidInput if lifeYears is outside the policy's bounds.
func (p Policy) Check(lifeYears int) error {
	lo, hi := p.Bounds()
	if lifeYears < lo || lifeYears > hi {
		return &InputError{Field: "lifeYears", Value: strconv.Itoa(lifeYears),
			Reason: fmt.Sprintf("be within the policy's %d to %d years", lo, hi)}
	}
	return nil
}
