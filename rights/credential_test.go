package rights_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/assaytest"
	"github.com/dataassay/assay/rights"
)

// The W3C test vector of eddsa-jcs-2022 (w3c/vc-di-eddsa, TestVectors/eddsa-jcs-2022/
// signedJCS.json, with the key pair of TestVectors/keyPair.json): our JCS, hashing and
// Ed25519 steps verify a proof made by another implementation, and reject it altered.
func TestEddsaJCS_W3CTestVector(t *testing.T) {
	priv, err := rights.Base58Decode("3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq")
	if err != nil || len(priv) != 34 || priv[0] != 0x80 || priv[1] != 0x26 { // multicodec ed25519-priv
		t.Fatalf("private key multibase: %x, %v", priv, err)
	}
	pub := ed25519.NewKeyFromSeed(priv[2:]).Public().(ed25519.PublicKey)
	if got := "z" + rights.Base58Encode(append([]byte{0xed, 0x01}, pub...)); got != "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2" {
		t.Fatalf("public key multibase %s, want the vector's", got)
	}
	data, err := os.ReadFile("testdata/eddsa-jcs-2022-signed.json")
	if err != nil {
		t.Fatal(err)
	}
	load := func(b []byte) map[string]any {
		var doc map[string]any
		d := json.NewDecoder(bytes.NewReader(b))
		d.UseNumber()
		if err := d.Decode(&doc); err != nil {
			t.Fatal(err)
		}
		return doc
	}
	doc := load(data)
	if err := rights.CheckProof(doc, doc["proof"].(map[string]any), pub); err != nil {
		t.Fatalf("the W3C vector does not verify: %v", err)
	}
	doc = load(bytes.Replace(data, []byte("The School of Examples"), []byte("The School of Exemples"), 1))
	if err := rights.CheckProof(doc, doc["proof"].(map[string]any), pub); !errors.Is(err, rights.ErrCredential) {
		t.Errorf("an altered vector: %v, want ErrCredential", err)
	}
}

// issuedChain returns a chain where the registrar issued alice's registration, with its
// issue hash.
func issuedChain(t *testing.T) (*rights.Chain, rights.Hash) {
	t.Helper()
	l := &ledger{t: t}
	rec := testAsset
	rec.Source, rec.UpdateFrequency, rec.Algorithm = "roadside sensors, own collection", assay.Daily, "hourly means per road segment"
	rec.CollectedFrom, rec.CollectedUntil, rec.Bytes = day(2023, 1, 1), day(2023, 12, 31), 52_428_800
	reg := l.add(rights.Event{Kind: rights.KindRegister, Time: day(2024, 1, 1), Asset: rec.ID, Record: rec, Signer: alice,
		Scope: holderScope, Digest: rights.Digest{0xab, 0xcd}})
	is := l.issue(reg, day(2024, 1, 15), day(2027, 1, 15))
	c, err := registryConfig.NewChain(context.Background(), l.events)
	if err != nil {
		t.Fatal(err)
	}
	return c, is
}

func TestCredential_RoundTrip(t *testing.T) {
	c, is := issuedChain(t)
	cert, err := c.Certificate(is)
	if err != nil {
		t.Fatal(err)
	}
	vc, err := cert.Credential(assaytest.RightsKey("registrar"), day(2024, 1, 15))
	if err != nil {
		t.Fatal(err)
	}
	got, err := rights.VerifyCredential(vc, day(2025, 1, 1))
	if err != nil {
		t.Fatalf("VerifyCredential: %v\n%s", err, vc)
	}
	if got.Issuer != registrar.ID || got.Holder != alice.ID || got.Asset != "A-1" || got.Right != "holding" ||
		!strings.HasPrefix(got.Digest, "abcd") || !got.ValidFrom.Equal(day(2024, 1, 15)) || !got.ValidUntil.Equal(day(2027, 1, 15)) ||
		got.ID != "urn:assay:rights:event:"+is.String() {
		t.Errorf("claims: %+v", got)
	}
	// The JSON-LD form expands against the embedded VC 2.0 context with every term defined.
	var doc map[string]any
	if err := json.Unmarshal(vc, &doc); err != nil {
		t.Fatal(err)
	}
	if err := rights.CheckJSONLD(doc); err != nil {
		t.Errorf("JSON-LD: %v", err)
	}
	doc["credentialSubject"].(map[string]any)["undefinedTerm"] = "x"
	if err := rights.CheckJSONLD(doc); !errors.Is(err, rights.ErrCredential) {
		t.Errorf("an undefined term: %v, want ErrCredential", err)
	}
}

// The adversarial cases of issue 20: a tampered field, a forged proof, another signer, an
// expired certificate, a remote context — each rejected with a typed reason.
func TestCredential_Rejects(t *testing.T) {
	c, is := issuedChain(t)
	cert, _ := c.Certificate(is)
	vc, err := cert.Credential(assaytest.RightsKey("registrar"), day(2024, 1, 15))
	if err != nil {
		t.Fatal(err)
	}
	tamper := func(old, new string) []byte {
		if !bytes.Contains(vc, []byte(old)) {
			t.Fatalf("%q not in the credential", old)
		}
		return bytes.Replace(vc, []byte(old), []byte(new), 1)
	}
	other, err := cert.Credential(assaytest.RightsKey("dave"), day(2024, 1, 15))
	if err == nil {
		t.Fatalf("signed by another key: %s", other)
	}
	for name, tt := range map[string]struct {
		data []byte
		at   time.Time
		want error
	}{
		"a tampered asset":        {tamper(`"assetId":"A-1"`, `"assetId":"A-2"`), day(2025, 1, 1), rights.ErrCredential},
		"a tampered validUntil":   {tamper(`"validUntil":"2027-01-15T00:00:00Z"`, `"validUntil":"2037-01-15T00:00:00Z"`), day(2025, 1, 1), rights.ErrCredential},
		"a tampered proof":        {tamper(`"proofPurpose":"assertionMethod"`, `"proofPurpose":"authentication"`), day(2025, 1, 1), rights.ErrCredential},
		"a remote context":        {tamper(`"@context":["https://www.w3.org/ns/credentials/v2"`, `"@context":["https://example.org/ctx"`), day(2025, 1, 1), rights.ErrCredential},
		"a scoped inline context": {tamper(`{"DataRegistrationCertificate":`, `{"X":{"@context":{}},"DataRegistrationCertificate":`), day(2025, 1, 1), rights.ErrCredential},
		"expired":                 {vc, day(2027, 1, 15), rights.ErrCertificateExpired},
		"not yet valid":           {vc, day(2024, 1, 14), rights.ErrNotYetValid},
		"not JSON":                {[]byte(`{"a":`), day(2025, 1, 1), rights.ErrCredential},
		"duplicate member":        {[]byte(`{"a":1,"a":2}`), day(2025, 1, 1), rights.ErrCredential},
	} {
		_, err := rights.VerifyCredential(tt.data, tt.at)
		var ce *rights.CredentialError
		if !errors.Is(err, tt.want) || !errors.As(err, &ce) {
			t.Errorf("%s: %v, want a *CredentialError matching %v", name, err, tt.want)
		}
	}
}

func FuzzVerifyCredential(f *testing.F) {
	f.Add([]byte(`{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"proof":{"type":"DataIntegrityProof"}}`))
	f.Add([]byte(`{"proof":{"type":"DataIntegrityProof","cryptosuite":"eddsa-jcs-2022","proofPurpose":"assertionMethod","verificationMethod":"did:key:z6Mk#z6Mk","proofValue":"z1"}}`))
	if data, err := os.ReadFile("testdata/eddsa-jcs-2022-signed.json"); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := rights.VerifyCredential(data, day(2025, 1, 1))
		if err == nil && v.Issuer.IsZero() {
			t.Fatalf("accepted without an issuer: %s", data)
		}
	})
}
