package rights

import (
	"strconv"
)

// Right is one of the three separated data property rights of the Data 20 Articles
// (中共中央 国务院《关于构建数据基础制度更好发挥数据要素作用的意见》, 2022, Art. 3 and 7):
// holding the data resource, processing and using the data, and operating a data product.
//
// The zero Right is "no right"; it is valid only where an event does not grant one. Its JSON
// and text form is "holding", "processing-use" or "product-operation".
type Right uint8

// The three rights.
const (
	// Holding (数据资源持有权) is control of the data resource: the right to manage it, use it,
	// profit from it and dispose of it. Initial registration gives it to the holder.
	Holding Right = iota + 1
	// ProcessingUse (数据加工使用权) is the right to process and use the data, acquired by
	// license (授权) or succession (继受).
	ProcessingUse
	// ProductOperation (数据产品经营权) is the right to exploit a data product, including
	// licensing others to use it (Art. 7: "许可他人使用"). Deriving a product gives it to
	// the maker.
	ProductOperation
)

var rightNames = [...]string{Holding: "holding", ProcessingUse: "processing-use", ProductOperation: "product-operation"}

// String returns the right's JSON name, or "Right(n)" for an undefined value.
func (r Right) String() string {
	if r != 0 && int(r) < len(rightNames) {
		return rightNames[r]
	}
	if r == 0 {
		return "none"
	}
	return "Right(" + strconv.Itoa(int(r)) + ")"
}

// Valid reports whether r is one of Holding, ProcessingUse and ProductOperation.
func (r Right) Valid() bool { return r != 0 && int(r) < len(rightNames) }

// CanGrant reports whether a party holding r may license right g to another party, when
// its scope allows licensing at all (see Scope.Sublicensable): the holder may license either
// of the other rights; a processing-use licensee may only sublicense processing-use; a
// product operator may license operation or use of the product (Data 20 Articles, Art. 7).
func (r Right) CanGrant(g Right) bool {
	switch r {
	case Holding:
		return g == ProcessingUse || g == ProductOperation
	case ProcessingUse:
		return g == ProcessingUse
	case ProductOperation:
		return g == ProcessingUse || g == ProductOperation
	}
	return false
}

// MarshalText encodes r by name; the zero Right encodes as the empty text.
func (r Right) MarshalText() ([]byte, error) {
	if r == 0 {
		return []byte{}, nil
	}
	if !r.Valid() {
		return nil, &FormatError{Field: "right", Value: r.String(), Reason: "undefined right"}
	}
	return []byte(rightNames[r]), nil
}

// UnmarshalText decodes "holding", "processing-use" or "product-operation"; the empty text
// is the zero Right.
func (r *Right) UnmarshalText(text []byte) error {
	v, ok := lookupName(rightNames[:], string(text))
	if !ok {
		return &FormatError{Field: "right", Value: clip(string(text)),
			Reason: `want "holding", "processing-use" or "product-operation"`}
	}
	*r = Right(v)
	return nil
}

// lookupName returns the index of name in names, treating the empty name as index 0.
func lookupName(names []string, name string) (int, bool) {
	if name == "" {
		return 0, true
	}
	for i, n := range names {
		if i > 0 && n == name {
			return i, true
		}
	}
	return 0, false
}
