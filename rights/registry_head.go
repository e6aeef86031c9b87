package rights

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// SignedHead is a registry's tree head as its operator signs it: the log's origin (the name
// of the signing key), its size and RFC 6962 root hash, and the time of signing.
//
// Its text, the body of a signed note (golang.org/x/mod/sumdb/note, the Go checksum
// database's format), follows the checkpoint layout of C2SP tlog-checkpoint: the origin, the
// size in decimal, the root hash in standard base64, each on its own line, then one
// extension line with the time in RFC 3339 (UTC, nanoseconds). An auditor who keeps a signed
// head can later ask for a consistency proof to a newer one and check it offline (Witness).
type SignedHead struct {
	Origin string
	Tree   tlog.Tree
	Time   time.Time
}

// ErrWitness reports a pair of signed heads that a witness rejects (see WitnessError).
var ErrWitness = errors.New("rights: tree heads rejected")

// WitnessReason says why a witness rejected a pair of signed heads.
type WitnessReason uint8

const (
	// WitnessMalformed: a head is not a signed note of a tree head.
	WitnessMalformed WitnessReason = iota + 1
	// WitnessUnverified: a head is not signed by a key the witness knows, or its signature is
	// bad.
	WitnessUnverified
	// WitnessOrigin: the heads are of different logs.
	WitnessOrigin
	// WitnessRollback: the newer head is of a smaller tree than the older.
	WitnessRollback
	// WitnessTime: the newer head is signed earlier than the older.
	WitnessTime
	// WitnessFork: the heads have the same size and different roots — the log forked.
	WitnessFork
	// WitnessInconsistent: the consistency proof does not show that the older tree is a
	// prefix of the newer one.
	WitnessInconsistent
)

var witnessReasons = [...]string{
	WitnessMalformed:    "malformed head",
	WitnessUnverified:   "unverified signature",
	WitnessOrigin:       "different logs",
	WitnessRollback:     "rolled back",
	WitnessTime:         "time went backwards",
	WitnessFork:         "forked",
	WitnessInconsistent: "inconsistent",
}

func (r WitnessReason) String() string {
	if int(r) < len(witnessReasons) && witnessReasons[r] != "" {
		return witnessReasons[r]
	}
	return "WitnessReason(" + strconv.Itoa(int(r)) + ")"
}

// WitnessError reports why a witness rejected two signed heads. It wraps ErrWitness and, for
// an inconsistent proof, ErrProof.
type WitnessError struct {
	Reason WitnessReason
	Detail string
}

func (e *WitnessError) Error() string {
	return "rights: tree heads rejected: " + e.Reason.String() + ": " + e.Detail
}

// Unwrap returns ErrWitness, and ErrProof for WitnessInconsistent.
func (e *WitnessError) Unwrap() []error {
	if e.Reason == WitnessInconsistent {
		return []error{ErrWitness, ErrProof}
	}
	return []error{ErrWitness}
}

// NewHeadSigner returns a note signer for a registry's tree heads with the Ed25519 key
// (the note format's algorithm 1, as the Go checksum database signs) under name — the log's
// origin, e.g. "registry.example.cn/data-rights" — and its verifier, for auditors.
func NewHeadSigner(name string, key ed25519.PrivateKey) (note.Signer, note.Verifier, error) {
	if len(key) != ed25519.PrivateKeySize {
		return nil, nil, &FormatError{Field: "head signer key", Value: strconv.Itoa(len(key)) + " bytes", Reason: "want an Ed25519 private key of 64 bytes"}
	}
	vkey, err := note.NewEd25519VerifierKey(name, key.Public().(ed25519.PublicKey))
	if err != nil {
		return nil, nil, &FormatError{Field: "head signer name", Value: clip(name), Reason: err.Error()}
	}
	v, err := note.NewVerifier(vkey)
	if err != nil {
		return nil, nil, &FormatError{Field: "head signer name", Value: clip(name), Reason: err.Error()}
	}
	return &headSigner{v: v, key: key}, v, nil
}

// headSigner signs notes with an Ed25519 key; its verifier comes from the note package.
type headSigner struct {
	v   note.Verifier
	key ed25519.PrivateKey
}

func (s *headSigner) Name() string                    { return s.v.Name() }
func (s *headSigner) KeyHash() uint32                 { return s.v.KeyHash() }
func (s *headSigner) Sign(msg []byte) ([]byte, error) { return ed25519.Sign(s.key, msg), nil }

// verifierOf returns the verifier of a signer made by NewHeadSigner.
func verifierOf(s note.Signer) (note.Verifier, bool) {
	if hs, ok := s.(*headSigner); ok {
		return hs.v, true
	}
	return nil, false
}

// SignHead returns h as a signed note, signed by signer.
func SignHead(h SignedHead, signer note.Signer) ([]byte, error) {
	if h.Origin == "" || strings.ContainsAny(h.Origin, "\n") {
		return nil, &FormatError{Field: "head origin", Value: clip(h.Origin), Reason: "must be one non-empty line"}
	}
	if h.Tree.N < 0 {
		return nil, &FormatError{Field: "head size", Value: strconv.FormatInt(h.Tree.N, 10), Reason: "must not be negative"}
	}
	text := fmt.Sprintf("%s\n%d\n%s\n%s\n", h.Origin, h.Tree.N,
		base64.StdEncoding.EncodeToString(h.Tree.Hash[:]), h.Time.UTC().Format(time.RFC3339Nano))
	msg, err := note.Sign(&note.Note{Text: text}, signer)
	if err != nil {
		return nil, fmt.Errorf("rights: signing tree head: %w", err)
	}
	return msg, nil
}

// OpenHead verifies a signed head against the known verifiers and parses it. A note that
// is not a tree head returns a *FormatError; an unknown key or a bad signature a
// *WitnessError with WitnessUnverified.
func OpenHead(msg []byte, known note.Verifiers) (SignedHead, error) {
	n, err := note.Open(msg, known)
	if err != nil {
		if _, ok := errors.AsType[*note.UnverifiedNoteError](err); ok {
			return SignedHead{}, &WitnessError{Reason: WitnessUnverified, Detail: err.Error()}
		}
		if _, ok := errors.AsType[*note.InvalidSignatureError](err); ok {
			return SignedHead{}, &WitnessError{Reason: WitnessUnverified, Detail: err.Error()}
		}
		return SignedHead{}, &FormatError{Field: "signed head", Reason: err.Error()}
	}
	return parseHead(n.Text)
}

// parseHead parses the text of a signed head.
func parseHead(text string) (SignedHead, error) {
	bad := func(reason string) error { return &FormatError{Field: "signed head", Reason: reason} }
	lines := strings.Split(text, "\n")
	if len(lines) != 5 || lines[4] != "" {
		return SignedHead{}, bad("want 4 lines: origin, size, root hash, time")
	}
	n, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || n < 0 || strconv.FormatInt(n, 10) != lines[1] {
		return SignedHead{}, bad("size " + strconv.Quote(clip(lines[1])) + " is not a decimal count")
	}
	root, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(root) != tlog.HashSize {
		return SignedHead{}, bad("root hash is not 32 bytes in base64")
	}
	t, err := time.Parse(time.RFC3339Nano, lines[3])
	if err != nil {
		return SignedHead{}, bad("time " + strconv.Quote(clip(lines[3])) + " is not RFC 3339")
	}
	h := SignedHead{Origin: lines[0], Tree: tlog.Tree{N: n}, Time: t}
	copy(h.Tree.Hash[:], root)
	return h, nil
}

// Witness checks, as an auditor does offline, that the log whose operator signed the head
// older only grew until it signed newer: both heads verify under known, name the same log
// (origin), newer is no smaller and no earlier, the same size means the same root, and proof
// shows older's tree is a prefix of newer's (RFC 6962 §2.1.2; an empty proof when the sizes
// are equal). It returns the newer head, or a *WitnessError saying why the pair is rejected.
func Witness(known note.Verifiers, older, newer []byte, proof tlog.TreeProof) (SignedHead, error) {
	open := func(which string, msg []byte) (SignedHead, error) {
		h, err := OpenHead(msg, known)
		if we, ok := errors.AsType[*WitnessError](err); ok {
			we.Detail = which + " head: " + we.Detail
			return h, we
		}
		if err != nil {
			return h, &WitnessError{Reason: WitnessMalformed, Detail: which + " head: " + trimPrefix(err.Error())}
		}
		return h, nil
	}
	o, err := open("older", older)
	if err != nil {
		return SignedHead{}, err
	}
	n, err := open("newer", newer)
	if err != nil {
		return SignedHead{}, err
	}
	reject := func(r WitnessReason, format string, args ...any) (SignedHead, error) {
		return SignedHead{}, &WitnessError{Reason: r, Detail: fmt.Sprintf(format, args...)}
	}
	switch {
	case o.Origin != n.Origin:
		return reject(WitnessOrigin, "%q and %q", clip(o.Origin), clip(n.Origin))
	case n.Tree.N < o.Tree.N:
		return reject(WitnessRollback, "size %d after size %d", n.Tree.N, o.Tree.N)
	case n.Time.Before(o.Time):
		return reject(WitnessTime, "signed at %s after %s", n.Time.Format(time.RFC3339), o.Time.Format(time.RFC3339))
	case n.Tree.N == o.Tree.N && n.Tree.Hash != o.Tree.Hash:
		return reject(WitnessFork, "two roots for size %d", n.Tree.N)
	case o.Tree.N == 0:
		return n, nil // the empty tree is a prefix of every tree
	}
	if err := tlog.CheckTree(proof, n.Tree.N, n.Tree.Hash, o.Tree.N, o.Tree.Hash); err != nil {
		return reject(WitnessInconsistent, "size %d to %d: %v", o.Tree.N, n.Tree.N, err)
	}
	return n, nil
}

// SignedHead returns the registry's current tree head signed by RegistryOptions.Signer: the
// head recorded with the last append (signed then), or, for an empty log, the empty tree
// signed now.
func (r *Registry) SignedHead(ctx context.Context) ([]byte, error) {
	if r.opt.Signer == nil {
		return nil, &FormatError{Field: "registry signer", Reason: "RegistryOptions.Signer is not set"}
	}
	var msg []byte
	err := r.st().View(ctx, func(tx StoreReader) error {
		cp, err := tx.Checkpoint()
		if err != nil {
			return err
		}
		if cp.Signed != nil {
			msg = bytes.Clone(cp.Signed)
			return nil
		}
		// An empty log, or one last appended to without a signer: sign its head now.
		th, err := tlog.TreeHash(cp.N, hashReader(tx))
		if err != nil {
			return storeErr(err)
		}
		msg, err = SignHead(SignedHead{Origin: r.opt.Signer.Name(), Tree: tlog.Tree{N: cp.N, Hash: th}, Time: r.now()}, r.opt.Signer)
		return err
	})
	return msg, err
}

func (r *Registry) now() time.Time {
	if r.opt.Now != nil {
		return r.opt.Now()
	}
	return time.Now()
}
