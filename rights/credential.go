package rights

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/sha256"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/piprate/json-gold/ld"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/internal/errs"
	"github.com/dataassay/assay/internal/jcs"
)

// CredentialContext is the IRI of the W3C Verifiable Credentials Data Model 2.0 base
// context. Its document is embedded (credentials-v2.jsonld, as published at that IRI), so
// credentials are written and checked offline; no other remote context is ever loaded.
const CredentialContext = "https://www.w3.org/ns/credentials/v2"

//go:embed credentials-v2.jsonld
var credentialsV2 []byte

// certificateVocab is the namespace of the terms a certificate's credential defines in its
// inline context (beyond the VC 2.0 base context).
const certificateVocab = "https://github.com/dataassay/assay/rights#"

// certificateTerms are the terms of the inline context; dates are typed xsd:dateTime.
var certificateTerms = []string{"DataRegistrationCertificate", "right", "registration", "holderName", "assetId",
	"assetName", "assetHolder", "region", "classification", "records", "bytes", "source", "updateFrequency",
	"algorithm", "collectedFrom", "collectedUntil", "dataDigest", "actions", "purposes", "regions"}

func certificateContext() map[string]any {
	ctx := make(map[string]any, len(certificateTerms))
	for _, t := range certificateTerms {
		ctx[t] = certificateVocab + t
	}
	for _, t := range []string{"collectedFrom", "collectedUntil"} {
		ctx[t] = map[string]any{"@id": certificateVocab + t, "@type": "http://www.w3.org/2001/XMLSchema#dateTime"}
	}
	ctx["registration"] = map[string]any{"@id": certificateVocab + "registration", "@type": "@id"}
	return ctx
}

// Credential returns the certificate as a W3C Verifiable Credential 2.0 (JSON-LD, in its
// RFC 8785 canonical form) secured with a Data Integrity proof of the eddsa-jcs-2022
// cryptosuite (W3C VC Data Integrity EdDSA Cryptosuites v1.0, §3.3), signed by the
// registrar's Ed25519 key, so that anyone can check it offline with VerifyCredential or any
// conforming verifier. The issuer and the holder are did:key identifiers of their Ed25519
// keys (multicodec ed25519-pub, multibase base58-btc); the verification method is the
// issuer's did:key with the key as fragment. created is the proof's creation time.
//
// signer must hold the registrar's key (see Event.Sign); a crypto.Signer of another key
// returns a *FormatError.
func (cert Certificate) Credential(signer crypto.Signer, created time.Time) ([]byte, error) {
	pub, ok := signer.Public().(ed25519.PublicKey)
	if !ok || PartyID(pub) != cert.Registrar.ID {
		return nil, &FormatError{Field: "credential signer", Value: cert.Registrar.ID.Short(), Reason: "the signing key is not the registrar's Ed25519 key"}
	}
	doc := cert.document()
	proof := map[string]any{
		"type": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022", "created": created.UTC().Format(time.RFC3339),
		"verificationMethod": verificationMethod(cert.Registrar.ID), "proofPurpose": "assertionMethod",
		"@context": doc["@context"],
	}
	data, err := hashData(doc, proof)
	if err != nil {
		return nil, err
	}
	sig, err := signer.Sign(nil, data, crypto.Hash(0)) // pure Ed25519 (RFC 8032 §5.1)
	if err != nil {
		return nil, fmt.Errorf("rights: signing credential: %w", err)
	}
	proof["proofValue"] = "z" + base58Encode(sig)
	doc["proof"] = proof
	return jcs.Marshal(doc)
}

func (cert Certificate) document() map[string]any {
	a := cert.Asset
	subject := map[string]any{
		"id": didKey(cert.Holder.ID), "right": cert.Right.String(), "registration": eventIRI(cert.Registration),
		"assetId": a.ID, "assetName": a.Name, "assetHolder": a.Holder, "region": a.Region,
		"classification": a.Classification.String(), "records": strconv.FormatInt(a.Records, 10),
	}
	opt := func(k, v string) {
		if v != "" {
			subject[k] = v
		}
	}
	opt("holderName", cert.Holder.Name)
	opt("source", a.Source)
	opt("updateFrequency", string(a.UpdateFrequency))
	opt("algorithm", a.Algorithm)
	if a.Bytes != 0 {
		subject["bytes"] = strconv.FormatInt(a.Bytes, 10)
	}
	if !a.CollectedFrom.IsZero() {
		subject["collectedFrom"] = a.CollectedFrom.UTC().Format(time.RFC3339)
	}
	if !a.CollectedUntil.IsZero() {
		subject["collectedUntil"] = a.CollectedUntil.UTC().Format(time.RFC3339)
	}
	if !cert.Digest.IsZero() {
		subject["dataDigest"] = cert.Digest.String()
	}
	list := func(k string, v []string) {
		if len(v) > 0 {
			out := make([]any, len(v))
			for i, s := range v {
				out[i] = s
			}
			subject[k] = out
		}
	}
	actions := make([]string, len(cert.Scope.Actions))
	for i, x := range cert.Scope.Actions {
		actions[i] = string(x)
	}
	list("actions", actions)
	list("purposes", cert.Scope.Purposes)
	list("regions", cert.Scope.Regions)
	return map[string]any{
		"@context":          []any{CredentialContext, certificateContext()},
		"id":                eventIRI(cert.Issue),
		"type":              []any{"VerifiableCredential", "DataRegistrationCertificate"},
		"name":              a.Name,
		"issuer":            didKey(cert.Registrar.ID),
		"validFrom":         cert.ValidFrom.UTC().Format(time.RFC3339),
		"validUntil":        cert.ValidUntil.UTC().Format(time.RFC3339),
		"credentialSubject": subject,
	}
}

func eventIRI(h Hash) string { return "urn:assay:rights:event:" + h.String() }

// hashData is the input of an eddsa-jcs-2022 signature (§3.3.4–3.3.5): SHA-256 of the JCS
// form of the proof configuration, then SHA-256 of the JCS form of the unsecured document.
func hashData(doc, proofConfig map[string]any) ([]byte, error) {
	c, err := jcs.Marshal(proofConfig)
	if err != nil {
		return nil, fmt.Errorf("rights: credential proof: %w", err)
	}
	d, err := jcs.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("rights: credential: %w", err)
	}
	h1, h2 := sha256.Sum256(c), sha256.Sum256(d)
	return append(h1[:], h2[:]...), nil
}

// VerifiedCredential is what VerifyCredential read from a credential it verified.
type VerifiedCredential struct {
	ID           string    // the credential's id: the issuing event's IRI
	Issuer       PartyID   // the registrar's key, from the issuer's did:key
	Holder       PartyID   // the holder's key, from the subject's did:key
	Registration string    // the registration's IRI
	Asset        string    // the asset's ID
	Right        string    // the right certified
	Digest       string    // the data's digest in hexadecimal, "" if none
	ValidFrom    time.Time // start of validity
	ValidUntil   time.Time // end of validity, exclusive
	Document     map[string]any
}

// MaxCredentialJSON is the most bytes VerifyCredential reads.
const MaxCredentialJSON = 256 << 10

// ErrCredential reports a credential that is malformed or whose proof does not verify. It
// also matches assay.ErrInvalidInput.
var ErrCredential = errs.Sentinel("rights: invalid credential", assay.ErrInvalidInput)

// CredentialError reports why VerifyCredential rejected a credential. It wraps ErrCredential
// for a malformed or tampered credential, ErrCertificateExpired (and ErrExpired) for one
// used at or after its validUntil, ErrNotYetValid for one used before its validFrom.
type CredentialError struct {
	Reason string
	Err    error
}

func (e *CredentialError) Error() string { return "rights: credential: " + e.Reason }

// Unwrap returns the sentinels the error matches.
func (e *CredentialError) Unwrap() []error {
	if e.Err == ErrCertificateExpired {
		return []error{ErrCertificateExpired, ErrExpired}
	}
	return []error{e.Err}
}

func badCredential(format string, args ...any) error {
	return &CredentialError{Reason: errs.Clip(fmt.Sprintf(format, args...), 256), Err: ErrCredential}
}

// VerifyCredential checks a credential written by Certificate.Credential — or by any issuer
// using the same shape — offline, and returns what it certifies. It checks, in order: the
// size (MaxCredentialJSON) and I-JSON form; the @context shape (the VC 2.0 base context and
// at most one flat inline context, see checkContext); the DataIntegrityProof of cryptosuite
// eddsa-jcs-2022 with proofPurpose assertionMethod, by the did:key named in its
// verificationMethod, which must be the issuer; that the document expands as JSON-LD against
// the embedded VC 2.0 context and its inline context with every term defined (no remote
// context is loaded); and that at lies within [validFrom, validUntil). Any failure returns a
// *CredentialError. It does not check the registry: a verifier that holds the chain should
// also ask Chain.State.
func VerifyCredential(data []byte, at time.Time) (VerifiedCredential, error) {
	if len(data) > MaxCredentialJSON {
		return VerifiedCredential{}, badCredential("%d bytes, more than %d", len(data), MaxCredentialJSON)
	}
	canon, err := jcs.Canonicalize(data)
	if err != nil {
		return VerifiedCredential{}, badCredential("%v", err)
	}
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(canon))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil || doc == nil {
		return VerifiedCredential{}, badCredential("not a JSON object")
	}
	if err := checkContext(doc["@context"]); err != nil {
		return VerifiedCredential{}, err
	}
	pub, err := verifyEddsaJCS(doc) // before any JSON-LD processing: cheap, and refuses forgeries
	if err != nil {
		return VerifiedCredential{}, err
	}
	if err := checkJSONLD(doc); err != nil {
		return VerifiedCredential{}, err
	}
	return readClaims(doc, pub, at)
}

// verifyEddsaJCS verifies the eddsa-jcs-2022 proof of doc (§3.3.2) and returns the key.
func verifyEddsaJCS(doc map[string]any) (ed25519.PublicKey, error) {
	proof, ok := doc["proof"].(map[string]any)
	if !ok {
		return nil, badCredential("no single proof object")
	}
	for k, want := range map[string]string{"type": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022", "proofPurpose": "assertionMethod"} {
		if proof[k] != want {
			return nil, badCredential("proof %s is %v, want %s", k, proof[k], want)
		}
	}
	vm, _ := proof["verificationMethod"].(string)
	pub, err := didKeyPublic(vm)
	if err != nil {
		return nil, err
	}
	return pub, checkProof(doc, proof, pub)
}

// checkProof checks the eddsa-jcs-2022 proof of doc under pub.
func checkProof(doc, proof map[string]any, pub ed25519.PublicKey) error {
	pv, _ := proof["proofValue"].(string)
	if !strings.HasPrefix(pv, "z") {
		return badCredential("proofValue is not multibase base58-btc")
	}
	sig, err := base58Decode(pv[1:])
	if err != nil || len(sig) != ed25519.SignatureSize {
		return badCredential("proofValue is not a 64-byte signature")
	}
	unsecured := make(map[string]any, len(doc))
	for k, v := range doc {
		if k != "proof" {
			unsecured[k] = v
		}
	}
	config := make(map[string]any, len(proof))
	for k, v := range proof {
		if k != "proofValue" {
			config[k] = v
		}
	}
	if c, ok := config["@context"]; ok && !reflect.DeepEqual(c, doc["@context"]) {
		return badCredential("the proof's @context differs from the document's")
	}
	data, err := hashData(unsecured, config)
	if err != nil {
		return badCredential("%v", err)
	}
	if !ed25519.Verify(pub, data, sig) {
		return badCredential("the proof does not verify: the credential was altered or signed by another key")
	}
	return nil
}

// readClaims reads the claims of a verified document and checks its validity at at.
func readClaims(doc map[string]any, pub ed25519.PublicKey, at time.Time) (VerifiedCredential, error) {
	str := func(m map[string]any, k string) string { s, _ := m[k].(string); return s }
	issuer := str(doc, "issuer")
	if issuer != didKey(PartyID(pub)) {
		return VerifiedCredential{}, badCredential("issuer %q is not the key that signed", issuer)
	}
	subject, _ := doc["credentialSubject"].(map[string]any)
	if subject == nil {
		return VerifiedCredential{}, badCredential("no credentialSubject object")
	}
	holder, err := didKeyPublic(str(subject, "id"))
	if err != nil {
		return VerifiedCredential{}, err
	}
	v := VerifiedCredential{ID: str(doc, "id"), Issuer: PartyID(pub), Holder: PartyID(holder),
		Registration: str(subject, "registration"), Asset: str(subject, "assetId"), Right: str(subject, "right"),
		Digest: str(subject, "dataDigest"), Document: doc}
	for _, f := range []struct {
		key string
		dst *time.Time
	}{{"validFrom", &v.ValidFrom}, {"validUntil", &v.ValidUntil}} {
		if s := str(doc, f.key); s != "" {
			t, err := time.Parse(time.RFC3339, s)
			if err != nil {
				return VerifiedCredential{}, badCredential("%s %q is not an RFC 3339 time", f.key, s)
			}
			*f.dst = t
		}
	}
	switch {
	case !v.ValidFrom.IsZero() && at.Before(v.ValidFrom):
		return v, &CredentialError{Reason: "not valid until " + v.ValidFrom.Format(time.RFC3339), Err: ErrNotYetValid}
	case !v.ValidUntil.IsZero() && !at.Before(v.ValidUntil):
		return v, &CredentialError{Reason: "expired at " + v.ValidUntil.Format(time.RFC3339), Err: ErrCertificateExpired}
	}
	return v, nil
}

// checkContext accepts the @context shape that Certificate.Credential writes: the VC 2.0
// base context IRI, then at most one flat inline context whose terms map to an IRI string or
// to an object of "@id" and "@type" strings. Bounding the shape bounds the JSON-LD work a
// hostile credential can ask for (issue 21: context processing is where JSON-LD explodes).
func checkContext(ctx any) error {
	list, ok := ctx.([]any)
	if !ok || len(list) == 0 || len(list) > 2 || list[0] != CredentialContext {
		return badCredential("@context must be [%q] or [%q, {inline terms}]", CredentialContext, CredentialContext)
	}
	if len(list) == 1 {
		return nil
	}
	terms, ok := list[1].(map[string]any)
	if !ok || len(terms) > 256 {
		return badCredential("the second @context entry must be an object of at most 256 terms")
	}
	for k, v := range terms {
		switch d := v.(type) {
		case string:
		case map[string]any:
			for dk, dv := range d {
				if _, s := dv.(string); !s || dk != "@id" && dk != "@type" {
					return badCredential("inline term %q: only \"@id\" and \"@type\" strings are accepted", k)
				}
			}
		default:
			return badCredential("inline term %q: want an IRI or {\"@id\",\"@type\"}", k)
		}
	}
	return nil
}

// checkJSONLD expands doc as JSON-LD 1.1 in safe mode — every term must map to an IRI —
// with a loader that serves only the embedded VC 2.0 context.
func checkJSONLD(doc map[string]any) error {
	opts := ld.NewJsonLdOptions("")
	opts.DocumentLoader = credentialLoader{}
	opts.ProcessingMode = ld.JsonLd_1_1
	opts.SafeMode = true
	// Expansion may keep references into its input: give it a copy.
	var cp any
	raw, _ := json.Marshal(doc)
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	if err := d.Decode(&cp); err != nil {
		return badCredential("%v", err)
	}
	if _, err := ld.NewJsonLdProcessor().Expand(cp, opts); err != nil {
		return badCredential("not valid JSON-LD against the VC 2.0 context: %v", err)
	}
	return nil
}

// credentialLoader serves the embedded VC 2.0 context and refuses every other document.
type credentialLoader struct{}

func (credentialLoader) LoadDocument(u string) (*ld.RemoteDocument, error) {
	if strings.TrimSuffix(u, "#") != CredentialContext {
		return nil, badCredential("remote context %q is not loaded (only %s, embedded)", u, CredentialContext)
	}
	var ctx any
	d := json.NewDecoder(bytes.NewReader(credentialsV2))
	d.UseNumber()
	if err := d.Decode(&ctx); err != nil {
		return nil, err
	}
	return &ld.RemoteDocument{DocumentURL: CredentialContext, Document: ctx}, nil
}

// did:key for Ed25519 (W3C CCG did:key method; multicodec ed25519-pub is 0xed 0x01).
func didKey(id PartyID) string { return "did:key:" + multikey(id) }

func multikey(id PartyID) string { return "z" + base58Encode(append([]byte{0xed, 0x01}, id[:]...)) }

func verificationMethod(id PartyID) string { return didKey(id) + "#" + multikey(id) }

// didKeyPublic reads the Ed25519 key of a did:key, with or without a fragment (which must
// then repeat the key).
func didKeyPublic(s string) (ed25519.PublicKey, error) {
	did, frag, hasFrag := strings.Cut(s, "#")
	mb, ok := strings.CutPrefix(did, "did:key:z")
	if !ok || hasFrag && frag != "z"+mb {
		return nil, badCredential("%q is not an Ed25519 did:key", s)
	}
	b, err := base58Decode(mb)
	if err != nil || len(b) != 2+ed25519.PublicKeySize || b[0] != 0xed || b[1] != 0x01 {
		return nil, badCredential("%q is not an Ed25519 did:key", s)
	}
	return ed25519.PublicKey(b[2:]), nil
}

// The Bitcoin base58 alphabet (draft-msporny-base58 §2).
const b58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

func base58Encode(b []byte) string {
	zeros := 0
	for zeros < len(b) && b[zeros] == 0 {
		zeros++
	}
	n := new(big.Int).SetBytes(b)
	var out []byte
	base, mod := big.NewInt(58), new(big.Int)
	for n.Sign() > 0 {
		n.DivMod(n, base, mod)
		out = append(out, b58Alphabet[mod.Int64()])
	}
	for range zeros {
		out = append(out, '1')
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return string(out)
}

func base58Decode(s string) ([]byte, error) {
	if len(s) > 256 {
		return nil, errors.New("base58 text too long")
	}
	n := new(big.Int)
	base := big.NewInt(58)
	zeros := 0
	for zeros < len(s) && s[zeros] == '1' {
		zeros++
	}
	for i := 0; i < len(s); i++ {
		k := strings.IndexByte(b58Alphabet, s[i])
		if k < 0 {
			return nil, errors.New("not base58")
		}
		n.Mul(n, base).Add(n, big.NewInt(int64(k)))
	}
	return append(make([]byte, zeros), n.Bytes()...), nil
}
