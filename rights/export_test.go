package rights

import "crypto/ed25519"

// Test hooks for the parts of the eddsa-jcs-2022 suite that the W3C test vectors exercise.
var (
	CheckProof   = func(doc, proof map[string]any, pub ed25519.PublicKey) error { return checkProof(doc, proof, pub) }
	Base58Decode = base58Decode
	Base58Encode = base58Encode
	CheckJSONLD  = checkJSONLD
)
