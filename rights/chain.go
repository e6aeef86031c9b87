package rights

import (
	"container/heap"
	"context"
	"crypto/sha256"
	"fmt"
	"math"
	"slices"
	"time"
)

// Chain is a set of events whose integrity has been verified — every event well formed,
// signed by its signer, linked only to events in the set, without cycles, and no earlier than
// its parents — with each event's authority worked out: whether its signer held, at the
// event's time, the right it exercised. It answers queries with Decide.
//
// A Chain is immutable after NewChain and safe for concurrent use.
//
// # Semantics
//
// Events take effect at their Time and are processed in time order (ties by hash). A grant —
// a registration, license, transfer or derivation — is in force at time t when the event is
// valid, t is not before the event, t is inside its scope's validity window, it has not been
// cancelled at or before t, no objection filed at or before t against it or any grant it
// builds on remains unwithdrawn at t, and the grant it was issued under is in force at t too.
// The asset's registration is contested, and so suspended, while another registration or
// derivation of the same asset ID is in force: a rival claim is a dispute, and Shenzhen's
// Interim Measures list an unresolved ownership dispute among the grounds for refusing a
// registration. (With Config.Registrars a registration takes effect only when a registrar
// issues it, so a stranger's pending application is no rival claim; see Config.)
//
// A derived product depends on its parents only through objections: the licenses of the
// parents governed the making of the product (checked at the derivation's time), so their
// later expiry or revocation does not undo it, but a dispute over a source suspends what was
// made from it. A transfer moves a grant to the assignee from the transfer's time; licenses
// issued before it stay valid. A change or renewal replaces the license's scope from its time.
//
// With Config.Registrars, a grant is in force only while the registration (or derivation) at
// its root has a valid certificate: issued after the publication period, not expired (see
// Config). A pledge leaves the pledged grant in force for its holder but voids a transfer or
// cancellation of it until the pledgee releases it; an upheld arbitration voids the event
// objected to from its time, a dismissed one ends the objection.
//
// A license is valid when its signer held the parent grant, the parent's scope was
// Sublicensable and its right can grant the licensed right (Right.CanGrant), the license's
// scope is Within the parent's scope at that time, and it does not overlap a license from the
// same grant in force then when either is Exclusive. Use events count against MaxUses and
// MaxVolume of the grant they exercise and of every grant above it.
type Chain struct {
	cfg      Config
	nodes    []node         // processing order: topological, earliest first
	index    map[Hash]int32 // by hash
	byHolder map[PartyID][]int32
	roots    map[string][]int32 // registrations and derivations by asset
	products map[string][]string
	parties  map[string]map[PartyID]bool // who signed or received a valid event on each asset

	// Admission only (NewChain; nil afterwards): the dispute memo and the chain state it is
	// valid for, bumped by every event that may start or end a dispute.
	adm     *memo
	version int
	lastUse time.Time // the time of the last valid use
}

type node struct {
	ev      Event
	hash    Hash
	parents []int32 // indexes of Parents
	err     error   // why the event is void; nil if valid

	// Grant nodes (register, license, transfer, derive).
	grant  bool
	holder PartyID
	right  Right
	root   int32 // the register or derive event of the asset
	base   int32 // the grant it moves: itself, or for a transfer the grant transferred
	seq    int32 // a valid transfer: its position in its base grant's transfers, plus one

	// Valid events built on this one, in processing order.
	children   []int32 // licenses, transfers and derivations issued under this grant
	transfers  []int32
	amendments []int32 // changes and renewals of a license
	cancels    []int32 // cancellations; for an objection also arbitrations, for a pledge releases
	objections []int32
	uses       []int32
	issues     []int32 // a registration or derivation: its valid issuing events (certificates)
	pledges    []int32 // a base grant: its valid pledges

	// Exclusivity index of a grant (admission only): the valid licenses issued under it that
	// may still be in force, and those of them that are exclusive — kept only for a grant
	// whose scope is exclusive, since no other can issue an exclusive license (Scope.Within). Entries revoked or expired
	// are dropped when met (cancellation is final; a renewal puts a license back), so each
	// license is scanned a bounded number of times.
	live, exclusive []int32
	dropped         bool // this license has been dropped from its grantor's index

	// Running totals of the valid uses of this grant and of the licenses and transfers under
	// it, in processing (time) order: what MaxUses and MaxVolume count at admission.
	used, usedVolume int64
}

// up returns the single parent of a node with one parent.
func (n *node) up() int32 { return n.parents[0] }

// NewChain verifies the integrity of events and works out the authority of each (see Chain).
// Duplicate events (equal hashes) are kept once. It returns the first failure: an invalid
// event (wrapping a *FormatError), a *SignatureError, a *LinkError (unknown parent, a parent
// of the wrong kind, about another asset, or later in time) or a *CycleError. Failures of
// authority do not fail NewChain: they void the event and are reported by Decide.
//
// Checking signatures dominates its cost (about one ed25519.Verify per event); it stops
// between events when ctx is done and returns an error wrapping ctx.Err().
func NewChain(ctx context.Context, events []Event) (*Chain, error) {
	return Config{}.NewChain(ctx, events)
}

// NewChain is the package function NewChain under cfg.
func (cfg Config) NewChain(ctx context.Context, events []Event) (*Chain, error) {
	if len(events) > MaxChainEvents {
		return nil, &FormatError{Field: "chain", Value: fmt.Sprint(len(events), " events"), Reason: fmt.Sprint("more than ", MaxChainEvents, " events")}
	}
	if cfg.Publication < 0 {
		return nil, &FormatError{Field: "config publication", Value: cfg.Publication.String(), Reason: "must not be negative"}
	}
	if cfg.Publication == 0 {
		cfg.Publication = DefaultPublication
	}
	c := &Chain{cfg: cfg, index: make(map[Hash]int32, len(events))}
	in := make([]node, 0, len(events))
	buf := make([]byte, 0, 1024)
	for i, e := range events {
		if i%16 == 0 { // about a millisecond of signature checks
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("rights: verifying %d events: %w", len(events), err)
			}
		}
		if err := e.Validate(); err != nil {
			return nil, fmt.Errorf("rights: event #%d: %w", i, err)
		}
		buf = e.appendBody(buf[:0])
		h := Hash(sha256.Sum256(buf))
		if !e.verifySignature(h) {
			return nil, &SignatureError{Hash: h, Signer: e.Signer.ID}
		}
		if _, dup := c.index[h]; dup {
			continue
		}
		c.index[h] = int32(len(in))
		in = append(in, node{ev: e, hash: h})
	}
	for i := range in {
		n := &in[i]
		n.parents = make([]int32, len(n.ev.Parents))
		for j, p := range n.ev.Parents {
			k, ok := c.index[p]
			if !ok {
				return nil, &LinkError{Hash: n.hash, Parent: p}
			}
			if err := checkLink(n, &in[k]); err != nil {
				return nil, err
			}
			n.parents[j] = k
		}
	}
	order, err := topoOrder(in)
	if err != nil {
		return nil, err
	}
	c.nodes = make([]node, len(in))
	pos := make([]int32, len(in))
	for i, k := range order {
		pos[k] = int32(i)
	}
	for i, k := range order {
		n := in[k]
		for j, p := range n.parents {
			n.parents[j] = pos[p]
		}
		c.nodes[i] = n
		c.index[n.hash] = int32(i)
	}
	c.byHolder = make(map[PartyID][]int32)
	c.roots = make(map[string][]int32)
	c.products = make(map[string][]string)
	c.parties = make(map[string]map[PartyID]bool)
	c.adm = new(memo)
	for i := range c.nodes {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("rights: verifying %d events: %w", len(events), err)
			}
		}
		c.admit(int32(i))
	}
	c.adm = nil
	for i := range c.nodes { // the exclusivity index serves admission only
		c.nodes[i].live, c.nodes[i].exclusive = nil, nil
	}
	return c, nil
}

// MaxChainEvents is the most events NewChain, Verify and UnmarshalChain accept.
const MaxChainEvents = 1 << 20

// checkLink checks that parent p is an event that n may build on.
func checkLink(n, p *node) error {
	bad := func(reason string) error { return &LinkError{Hash: n.hash, Parent: p.hash, Reason: reason} }
	if p.ev.Time.After(n.ev.Time) {
		return bad("the parent is later than the event")
	}
	grant := func(k Kind) bool {
		return k == KindRegister || k == KindLicense || k == KindTransfer || k == KindDerive
	}
	var ok bool
	switch n.ev.Kind {
	case KindLicense, KindTransfer, KindUse, KindDerive:
		ok = grant(p.ev.Kind)
	case KindChange, KindRenew:
		ok = p.ev.Kind == KindLicense
	case KindCancel:
		ok = p.ev.Kind == KindRegister || p.ev.Kind == KindLicense || p.ev.Kind == KindDerive || p.ev.Kind == KindObject
	case KindObject, KindPledge:
		ok = grant(p.ev.Kind)
	case KindIssue:
		ok = p.ev.Kind == KindRegister || p.ev.Kind == KindDerive
	case KindRelease:
		ok = p.ev.Kind == KindPledge
	case KindArbitrate:
		ok = p.ev.Kind == KindObject
	}
	if !ok {
		return bad("a " + n.ev.Kind.String() + " event cannot build on a " + p.ev.Kind.String() + " event")
	}
	if n.ev.Kind == KindDerive {
		if p.ev.Asset == n.ev.Asset {
			return bad("a product cannot be derived from itself")
		}
	} else if p.ev.Asset != n.ev.Asset {
		return bad(fmt.Sprintf("the parent is about asset %q, the event about %q", clip(p.ev.Asset), clip(n.ev.Asset)))
	}
	return nil
}

// topoOrder returns the nodes in an order where parents come first and, among the events
// ready at each step, the earliest (by time, then hash) comes first: Kahn's algorithm with a
// priority queue. Nodes left over lie on or behind a cycle.
func topoOrder(nodes []node) ([]int32, error) {
	indeg := make([]int32, len(nodes))
	kids := make([][]int32, len(nodes))
	for i := range nodes {
		for _, p := range nodes[i].parents {
			indeg[i]++
			kids[p] = append(kids[p], int32(i))
		}
	}
	q := &readyQueue{nodes: nodes}
	for i := range nodes {
		if indeg[i] == 0 {
			q.items = append(q.items, int32(i))
		}
	}
	heap.Init(q)
	order := make([]int32, 0, len(nodes))
	for q.Len() > 0 {
		i := heap.Pop(q).(int32)
		order = append(order, i)
		for _, k := range kids[i] {
			if indeg[k]--; indeg[k] == 0 {
				heap.Push(q, k)
			}
		}
	}
	if len(order) < len(nodes) {
		var left []Hash
		for i := range nodes {
			if indeg[i] > 0 {
				left = append(left, nodes[i].hash)
			}
		}
		slices.SortFunc(left, func(a, b Hash) int { return slices.Compare(a[:], b[:]) })
		return nil, &CycleError{Hashes: left}
	}
	return order, nil
}

// readyQueue is a min-heap (container/heap) of node indexes: earliest event first, then
// smallest hash.
type readyQueue struct {
	nodes []node
	items []int32
}

func (q *readyQueue) Len() int { return len(q.items) }
func (q *readyQueue) Less(i, j int) bool {
	a, b := &q.nodes[q.items[i]], &q.nodes[q.items[j]]
	if c := a.ev.Time.Compare(b.ev.Time); c != 0 {
		return c < 0
	}
	return slices.Compare(a.hash[:], b.hash[:]) < 0
}
func (q *readyQueue) Swap(i, j int) { q.items[i], q.items[j] = q.items[j], q.items[i] }
func (q *readyQueue) Push(x any)    { q.items = append(q.items, x.(int32)) }
func (q *readyQueue) Pop() any {
	x := q.items[len(q.items)-1]
	q.items = q.items[:len(q.items)-1]
	return x
}

// admit works out whether event i is valid, given the events before it, and links it into
// the state that later events and queries read.
func (c *Chain) admit(i int32) {
	n := &c.nodes[i]
	e := n.ev
	switch e.Kind {
	case KindRegister, KindDerive:
		n.grant, n.holder, n.root = true, e.Signer.ID, i
		n.right = Holding
		if e.Kind == KindDerive {
			n.right = ProductOperation
		}
	case KindLicense, KindTransfer:
		p := &c.nodes[n.up()]
		n.grant, n.holder, n.root = true, e.Subject.ID, p.root
		n.right = e.Right
		if e.Kind == KindTransfer {
			n.right = p.right
		}
	}
	if n.grant {
		c.byHolder[n.holder] = append(c.byHolder[n.holder], i)
		n.base = i
		if e.Kind == KindTransfer {
			n.base = c.nodes[n.up()].base
		}
	}
	c.adm.reset(e.Time, c.version)
	n.err = c.authority(i)
	if n.err != nil {
		return
	}
	switch e.Kind {
	case KindRegister, KindDerive, KindCancel, KindObject, KindIssue, KindArbitrate:
		c.version++ // a rival claim, a new dispute or the end of one
	}
	ps := c.parties[e.Asset]
	if ps == nil {
		ps = make(map[PartyID]bool)
		c.parties[e.Asset] = ps
	}
	ps[e.Signer.ID] = true
	if !e.Subject.IsZero() {
		ps[e.Subject.ID] = true
	}
	switch e.Kind {
	case KindRegister:
		c.roots[e.Asset] = append(c.roots[e.Asset], i)
	case KindDerive:
		c.roots[e.Asset] = append(c.roots[e.Asset], i)
		for _, p := range n.parents {
			pa := c.nodes[p].ev.Asset
			if !slices.Contains(c.products[pa], e.Asset) {
				c.products[pa] = append(c.products[pa], e.Asset)
			}
			c.nodes[p].children = append(c.nodes[p].children, i)
		}
	case KindLicense:
		p := &c.nodes[n.up()]
		p.children = append(p.children, i)
		if c.scopeAt(n.up(), e.Time).Exclusive { // only an exclusive grant can issue exclusive licenses
			p.live = append(p.live, i)
			if e.Scope.Exclusive {
				p.exclusive = append(p.exclusive, i)
			}
		}
	case KindTransfer:
		c.nodes[n.up()].children = append(c.nodes[n.up()].children, i)
		b := &c.nodes[n.base]
		b.transfers = append(b.transfers, i)
		n.seq = int32(len(b.transfers))
	case KindChange, KindRenew:
		l := &c.nodes[n.up()]
		l.amendments = append(l.amendments, i)
		if l.dropped && e.Kind == KindRenew { // back in force: index it again
			l.dropped = false
			p := &c.nodes[l.up()]
			p.live = append(p.live, n.up())
			if e.Scope.Exclusive {
				p.exclusive = append(p.exclusive, n.up())
			}
		}
	case KindCancel:
		c.nodes[n.up()].cancels = append(c.nodes[n.up()].cancels, i)
	case KindObject:
		c.nodes[n.up()].objections = append(c.nodes[n.up()].objections, i)
	case KindIssue:
		c.nodes[n.up()].issues = append(c.nodes[n.up()].issues, i)
	case KindPledge:
		b := c.base(n.up())
		c.nodes[b].pledges = append(c.nodes[b].pledges, i)
	case KindRelease:
		c.nodes[n.up()].cancels = append(c.nodes[n.up()].cancels, i)
	case KindArbitrate:
		o := &c.nodes[n.up()]
		o.cancels = append(o.cancels, i) // the objection is resolved either way
		if e.Outcome == Upheld {
			c.nodes[o.up()].cancels = append(c.nodes[o.up()].cancels, i)
		}
	case KindUse:
		c.nodes[n.up()].uses = append(c.nodes[n.up()].uses, i)
		c.lastUse = e.Time
		for g := n.up(); ; g = c.nodes[g].up() {
			c.nodes[g].used = addSat(c.nodes[g].used, 1)
			c.nodes[g].usedVolume = addSat(c.nodes[g].usedVolume, e.Volume)
			if k := c.nodes[g].ev.Kind; k != KindLicense && k != KindTransfer {
				break
			}
		}
	}
}

// authority returns why event i is void, or nil.
func (c *Chain) authority(i int32) error {
	n := &c.nodes[i]
	e := n.ev
	t := e.Time
	notHeld := func(g int32, reason error) error {
		return &AuthorityError{Hash: n.hash, Signer: e.Signer.ID, Grant: c.nodes[g].hash, At: t, Err: reason}
	}
	switch e.Kind {
	case KindRegister: // anyone may apply; with Registrars, it takes effect when issued
	case KindIssue, KindPledge, KindRelease, KindArbitrate, KindObject:
		return c.registryAuthority(i)
	case KindLicense:
		g := n.up()
		if ok, err := c.held(c.adm, g, e.Signer.ID, t); !ok || err != nil {
			return notHeld(g, err)
		}
		held := c.scopeAt(g, t)
		if !held.Sublicensable || !c.nodes[g].right.CanGrant(e.Right) {
			return &SublicenseError{Hash: n.hash, Grant: c.nodes[g].hash, Held: c.nodes[g].right, Right: e.Right}
		}
		if err := e.Scope.Within(*held); err != nil {
			return escalation(err, n.hash, c.nodes[g].hash)
		}
		if s := c.overlapping(g, e.Scope, t); s >= 0 {
			return &ExclusivityError{Hash: n.hash, Conflicts: c.nodes[s].hash}
		}
	case KindTransfer:
		g := n.up()
		if ok, err := c.held(c.adm, g, e.Signer.ID, t); !ok || err != nil {
			return notHeld(g, err)
		}
		if held := c.scopeAt(g, t); !slices.ContainsFunc(held.Actions, ActionTransfer.Within) {
			return notHeld(g, &ScopeError{Hash: c.nodes[g].hash, Dimension: "action", Value: string(ActionTransfer), Allowed: joinList(held.Actions)})
		}
		if err := c.pledged(i, g, t); err != nil {
			return notHeld(g, err)
		}
	case KindChange, KindRenew:
		l := n.up()
		if e.Signer.ID != c.nodes[l].ev.Signer.ID {
			return notHeld(l, nil)
		}
		cur := *c.scopeAt(l, t)
		next := e.Scope
		if e.Kind == KindRenew {
			next.Until = cur.Until // a renewal may move the end; nothing else may widen
		}
		if err := next.Within(cur); err != nil {
			return escalation(err, n.hash, c.nodes[l].hash)
		}
		if e.Kind == KindRenew {
			g := c.nodes[l].up()
			if ok, err := c.held(c.adm, g, e.Signer.ID, t); !ok || err != nil {
				return notHeld(g, err)
			}
			if err := e.Scope.Within(*c.scopeAt(g, t)); err != nil {
				return escalation(err, n.hash, c.nodes[g].hash)
			}
		}
	case KindCancel:
		x := n.up()
		target := &c.nodes[x]
		var may bool
		switch target.ev.Kind {
		case KindRegister, KindDerive: // only whoever holds it now, after any transfer
			may = c.holderAt(x, t) == e.Signer.ID
		case KindLicense: // the grantor revokes, or the holder surrenders
			may = e.Signer.ID == target.ev.Signer.ID || c.holderAt(x, t) == e.Signer.ID
		case KindObject: // the objector withdraws
			may = e.Signer.ID == target.ev.Signer.ID
		}
		if !may {
			return notHeld(x, nil)
		}
		if target.ev.Kind != KindObject {
			if err := c.pledged(i, x, t); err != nil {
				return notHeld(x, err)
			}
		}
	case KindDerive:
		for _, g := range n.parents {
			if ok, err := c.held(c.adm, g, e.Signer.ID, t); !ok || err != nil {
				return notHeld(g, err)
			}
			if err := c.permits(g, ActionDerive, e.Purpose, e.Record.Region, t, 0, c.running); err != nil {
				return notHeld(g, err)
			}
		}
	case KindUse:
		g := n.up()
		if ok, err := c.held(c.adm, g, e.Signer.ID, t); !ok || err != nil {
			return notHeld(g, err)
		}
		if err := c.permits(g, e.Action, e.Purpose, e.Region, t, e.Volume, c.running); err != nil {
			return notHeld(g, err)
		}
	}
	return nil
}

// escalation completes the *EscalationError of Scope.Within with the event and the grant.
func escalation(err error, event, grant Hash) error {
	esc := err.(*EscalationError)
	esc.Hash, esc.Grant = event, grant
	return esc
}

// base returns the grant that g moves: g itself, or for a transfer (of a transfer …) the
// registration, license or derivation it ultimately assigns.
func (c *Chain) base(g int32) int32 { return c.nodes[g].base }

// upTo returns how many of the events list (in processing order, which is time order) took
// effect at or before t, by binary search.
func (c *Chain) upTo(list []int32, t time.Time) int {
	k, _ := slices.BinarySearchFunc(list, t, func(i int32, t time.Time) int {
		if c.nodes[i].ev.Time.After(t) {
			return 1
		}
		return -1
	})
	return k
}

// holding returns the node through which grant g is held at t: its base grant, or the last
// transfer of it that took effect at or before t. Transfers of a grant — whether they name the
// grant itself or an earlier transfer of it as parent — form one sequence in processing
// order, which is time order, each valid only if its signer held the grant then.
func (c *Chain) holding(g int32, t time.Time) int32 {
	b := c.base(g)
	if k := c.upTo(c.nodes[b].transfers, t); k > 0 {
		return c.nodes[b].transfers[k-1]
	}
	return b
}

// held reports whether who held grant g at t — as its holder, or as the assignee of the
// transfers of it in force at t — and if so whether the grant was in force. A party that
// held the grant but had transferred it away by t held it, revoked by that transfer. The cost
// is logarithmic in the grant's transfers and linear in who's own grants.
func (c *Chain) held(m *memo, g int32, who PartyID, t time.Time) (bool, error) {
	b := c.base(g)
	ts := c.nodes[b].transfers
	k := c.upTo(ts, t)
	cur := b
	if k > 0 {
		cur = ts[k-1]
	}
	if c.nodes[cur].holder == who {
		return true, c.inForce(m, cur, t)
	}
	// Did who hold it before? Then the transfer after its last receipt took it away.
	next := -1 // position in ts of that transfer
	if c.nodes[b].holder == who {
		next = 0
	}
	for _, r := range c.byHolder[who] {
		if n := &c.nodes[r]; n.seq > 0 && n.base == b && int(n.seq) <= k {
			next = max(next, int(n.seq))
		}
	}
	if next >= 0 && next < k {
		x := &c.nodes[ts[next]]
		return true, &RevokedError{Hash: c.nodes[g].hash, By: x.hash, At: x.ev.Time}
	}
	return false, nil
}

// holderAt returns who held grant g at t: its holder, or the assignee of its last transfer.
func (c *Chain) holderAt(g int32, t time.Time) PartyID { return c.nodes[c.holding(g, t)].holder }

// revokedAt returns the first cancellation of event x at or before t, or -1.
func (c *Chain) revokedAt(x int32, t time.Time) int32 {
	// Cancellations are listed in processing order, which is time order: the first decides.
	if cs := c.nodes[x].cancels; len(cs) > 0 && !c.nodes[cs[0]].ev.Time.After(t) {
		return cs[0]
	}
	return -1
}

// scopeAt returns the scope of grant g in force at t: its own, as last changed or renewed at
// or before t; a transfer carries the scope of the grant it moved. The result points into
// the chain and must not be modified.
func (c *Chain) scopeAt(g int32, t time.Time) *Scope {
	n := &c.nodes[c.base(g)]
	if k := c.upTo(n.amendments, t); k > 0 {
		return &c.nodes[n.amendments[k-1]].ev.Scope
	}
	return &n.ev.Scope
}

// inForce returns nil if grant g is in force at t (see Chain), or why not. m memoises the
// disputes found at t.
func (c *Chain) inForce(m *memo, g int32, t time.Time) error {
	start := c.nodes[g].hash
	for {
		n := &c.nodes[g]
		if n.err != nil {
			return n.err
		}
		if t.Before(n.ev.Time) {
			return &ValidityError{Hash: n.hash, At: t, From: n.ev.Time}
		}
		if k := c.revokedAt(g, t); k >= 0 {
			return &RevokedError{Hash: n.hash, By: c.nodes[k].hash, At: c.nodes[k].ev.Time}
		}
		if d := c.suspended(g, t); d.objection >= 0 {
			return d.err(c, start)
		}
		if s := c.scopeAt(g, t); (!s.From.IsZero() && t.Before(s.From)) || (!s.Until.IsZero() && !t.Before(s.Until)) {
			return &ValidityError{Hash: n.hash, At: t, From: s.From, Until: s.Until}
		}
		if n.root == g {
			if err := c.certified(g, t); err != nil {
				return err
			}
		}
		switch n.ev.Kind {
		case KindLicense, KindTransfer:
			g = n.up()
			continue
		case KindDerive:
			for _, p := range n.parents {
				if d := c.dispute(m, p, t); d.objection >= 0 {
					return d.err(c, start)
				}
			}
		}
		return nil
	}
}

// dispute is an objection (or rival claim) and the event it is against; objection < 0 means
// none.
type dispute struct{ objection, against int32 }

var noDispute = dispute{-1, -1}

func (d dispute) err(c *Chain, start Hash) error {
	return &SuspendedError{Hash: start, Objection: c.nodes[d.objection].hash, Against: c.nodes[d.against].hash}
}

// memo remembers, for one time t and one state of the chain (version), the dispute found
// under each grant, so that a diamond of derivations — where the paths to the sources double
// with every layer — is searched once per grant: linear in the events (issue 21).
type memo struct {
	at       time.Time
	version  int
	disputes map[int32]dispute
}

// reset returns m ready for queries at t in chain state version, clearing what it remembered
// of another time or state.
func (m *memo) reset(t time.Time, version int) *memo {
	if m.disputes == nil {
		m.disputes = make(map[int32]dispute)
	}
	if !m.at.Equal(t) || m.version != version {
		if len(m.disputes) > 64 {
			m.disputes = make(map[int32]dispute) // clearing a grown map costs its buckets
		} else {
			clear(m.disputes)
		}
		m.at, m.version = t, version
	}
	return m
}

// dispute returns the first objection or rival claim in force at t against grant g or
// anything it builds on, through derivations too, or noDispute. It searches depth first with
// an explicit stack, own disputes before the parents' in order, memoising every grant it
// finishes.
func (c *Chain) dispute(m *memo, g int32, t time.Time) dispute {
	type frame struct {
		g    int32
		next int // the next parent to search
	}
	stack := []frame{{g: g}}
	for len(stack) > 0 {
		f := &stack[len(stack)-1]
		d, known := m.disputes[f.g]
		if !known && f.next == 0 {
			d = c.suspended(f.g, t)
			known = d.objection >= 0
		}
		if !known && f.next < len(c.nodes[f.g].parents) {
			p := c.nodes[f.g].parents[f.next]
			f.next++
			stack = append(stack, frame{g: p})
			continue
		}
		fg := f.g
		stack = stack[:len(stack)-1]
		if !known {
			d = noDispute // its own record and all its parents are clean
		}
		m.disputes[fg] = d
		if d.objection >= 0 {
			for _, up := range stack { // a dispute below settles every grant above it
				m.disputes[up.g] = d
			}
			return d
		}
	}
	return noDispute
}

// suspended returns the objection pending at t against g itself, or — if g is the root of an
// asset — another root of the same asset in force at t (a rival claim), or noDispute.
func (c *Chain) suspended(g int32, t time.Time) dispute {
	n := &c.nodes[g]
	for _, o := range n.objections {
		if !c.nodes[o].ev.Time.After(t) && c.revokedAt(o, t) < 0 {
			return dispute{o, g}
		}
	}
	if n.root == g {
		for _, r := range c.roots[n.ev.Asset] {
			if r != g && !c.nodes[r].ev.Time.After(t) && c.revokedAt(r, t) < 0 && c.certified(r, t) == nil {
				return dispute{r, g}
			}
		}
	}
	return noDispute
}

// overlapping returns a license issued under grant g, in force at t, that a new license with
// scope s may not coexist with — one of the two exclusive and their scopes overlapping — or
// -1. A non-exclusive license is compared with the exclusive licenses only; an exclusive one
// with every license in force. Licenses found revoked or expired are dropped from the index
// as it is scanned (issue 21: 20,000 licenses under one grant were compared pairwise).
func (c *Chain) overlapping(g int32, s Scope, t time.Time) int32 {
	p := &c.nodes[g]
	list := &p.exclusive
	if s.Exclusive {
		list = &p.live
	}
	kept := (*list)[:0]
	found := int32(-1)
	for j, k := range *list {
		other := c.scopeAt(k, t)
		if c.revokedAt(k, t) >= 0 || !other.Until.IsZero() && !t.Before(other.Until) {
			c.nodes[k].dropped = true
			continue
		}
		kept = append(kept, k)
		if (s.Exclusive || other.Exclusive) && s.Overlaps(*other) {
			found = k
			kept = append(kept, (*list)[j+1:]...)
			break
		}
	}
	*list = kept
	return found
}

// permits checks a use of grant g against the scope and limits of g and of every grant above
// it up to the asset's root; usage returns the uses and volume already counted against a
// grant.
func (c *Chain) permits(g int32, a Action, purpose, region string, t time.Time, volume int64, usage func(int32) (int64, int64)) error {
	for {
		n := &c.nodes[g]
		s := c.scopeAt(g, t)
		if err := s.permits(a, purpose, region, t); err != nil {
			setHash(err, n.hash)
			return err
		}
		if s.MaxUses > 0 || s.MaxVolume > 0 {
			uses, vol := usage(g)
			if s.MaxUses > 0 && uses >= s.MaxUses {
				return &ExhaustedError{Hash: n.hash, Dimension: "uses", Limit: s.MaxUses, Used: uses, Requested: 1}
			}
			if s.MaxVolume > 0 && addSat(vol, volume) > s.MaxVolume {
				return &ExhaustedError{Hash: n.hash, Dimension: "volume", Limit: s.MaxVolume, Used: vol, Requested: volume}
			}
		}
		if n.ev.Kind != KindLicense && n.ev.Kind != KindTransfer {
			return nil
		}
		g = n.up()
	}
}

func setHash(err error, h Hash) {
	switch e := err.(type) {
	case *ScopeError:
		e.Hash = h
	case *ValidityError:
		e.Hash = h
	}
}

// addSat returns a+b for non-negative a and b, saturating at math.MaxInt64 so that hostile
// volumes cannot wrap a total below a limit.
func addSat(a, b int64) int64 {
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

// running returns the uses and volume counted against grant g so far in processing order:
// its own valid uses and those of the licenses and transfers under it (a derived product has
// limits of its own). At admission every event processed before took effect at or before the
// event being admitted, so these running totals are its prefix sums.
func (c *Chain) running(g int32) (uses, volume int64) { return c.nodes[g].used, c.nodes[g].usedVolume }

// usageAt returns the usage function of a query at t: the running totals when every use took
// effect at or before t, else totals counted once, lazily, over the uses up to t — one pass
// over the events in processing order and one back up the license tree.
func (c *Chain) usageAt(t time.Time) func(int32) (int64, int64) {
	if !t.Before(c.lastUse) {
		return c.running
	}
	var totals [][2]int64
	return func(g int32) (int64, int64) {
		if totals == nil {
			totals = make([][2]int64, len(c.nodes))
			end, _ := slices.BinarySearchFunc(c.nodes, t, func(n node, t time.Time) int {
				if n.ev.Time.After(t) {
					return 1
				}
				return -1
			})
			for i := range end {
				if n := &c.nodes[i]; n.ev.Kind == KindUse && n.err == nil {
					u := &totals[n.up()]
					u[0], u[1] = addSat(u[0], 1), addSat(u[1], n.ev.Volume)
				}
			}
			for i := len(c.nodes) - 1; i >= 0; i-- {
				if n := &c.nodes[i]; (n.ev.Kind == KindLicense || n.ev.Kind == KindTransfer) && n.err == nil {
					u, v := &totals[n.up()], totals[i]
					u[0], u[1] = addSat(u[0], v[0]), addSat(u[1], v[1])
				}
			}
		}
		return totals[g][0], totals[g][1]
	}
}

// Len returns the number of distinct events in the chain.
func (c *Chain) Len() int { return len(c.nodes) }

// Event returns the event with hash h.
func (c *Chain) Event(h Hash) (Event, bool) {
	i, ok := c.index[h]
	if !ok {
		return Event{}, false
	}
	return c.nodes[i].ev, true
}

// Events returns the events in processing order: parents before children, earliest first.
func (c *Chain) Events() []Event {
	out := make([]Event, len(c.nodes))
	for i := range c.nodes {
		out[i] = c.nodes[i].ev
	}
	return out
}

// Status returns nil if the event with hash h is valid — its signer held, at its time, the
// right it exercised — or why it is void: an *AuthorityError, *EscalationError,
// *SublicenseError or *ExclusivityError. An unknown hash returns a *LinkError.
func (c *Chain) Status(h Hash) error {
	i, ok := c.index[h]
	if !ok {
		return &LinkError{Parent: h}
	}
	return c.nodes[i].err
}
