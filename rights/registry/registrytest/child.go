package registrytest

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dataassay/assay/rights"
)

// The environment of a writer child: the log's location, the prefix of its chain, and the
// number and size of its batches.
const (
	envDSN     = "ASSAY_REGISTRYTEST_DSN"
	envPrefix  = "ASSAY_REGISTRYTEST_PREFIX"
	envBatches = "ASSAY_REGISTRYTEST_BATCHES"
	envSize    = "ASSAY_REGISTRYTEST_BATCH_SIZE"
)

// ChildMain runs a writer child and exits if the environment asks for one; otherwise it
// returns at once. Call it first in the TestMain of a store package, with the function that
// opens that package's store at a DSN (a file name, a connection string):
//
//	func TestMain(m *testing.M) {
//		registrytest.ChildMain(func(dsn string) (rights.Store, error) { return sqlite.Open(ctx, dsn, sqlite.Options{}) })
//		os.Exit(m.Run())
//	}
//
// The child appends Chain(prefix, batches·size) in batches with AppendBatch and prints
// "ack <batch> <last index>" after each batch returns, so its parent knows what was
// acknowledged.
func ChildMain(open func(dsn string) (rights.Store, error)) {
	prefix := os.Getenv(envPrefix)
	if prefix == "" {
		return
	}
	os.Exit(child(open, os.Getenv(envDSN), prefix))
}

func child(open func(string) (rights.Store, error), dsn, prefix string) int {
	batches, _ := strconv.Atoi(os.Getenv(envBatches))
	size, _ := strconv.Atoi(os.Getenv(envSize))
	ctx := context.Background()
	s, err := open(dsn)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		return 2
	}
	defer s.Close()
	r, err := rights.OpenRegistry(ctx, s, Options())
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		return 2
	}
	events := Chain(prefix, batches*size)
	for b := range batches {
		idx, err := r.AppendBatch(ctx, events[b*size:(b+1)*size])
		if err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			return 1
		}
		fmt.Printf("ack %d %d\n", b, idx[len(idx)-1])
	}
	return 0
}

// writer is a running child.
type writer struct {
	cmd  *exec.Cmd
	acks *bufio.Scanner
}

func startWriter(t testing.TB, dsn, prefix string, batches, size int) *writer {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envDSN+"="+dsn, envPrefix+"="+prefix,
		envBatches+"="+strconv.Itoa(batches), envSize+"="+strconv.Itoa(size))
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return &writer{cmd: cmd, acks: bufio.NewScanner(out)}
}

// ack reads the next acknowledgement: the batch and the index of its last event.
func (w *writer) ack() (batch int, last int64, ok bool) {
	if !w.acks.Scan() {
		return 0, 0, false
	}
	f := strings.Fields(w.acks.Text())
	if len(f) != 3 || f[0] != "ack" {
		return 0, 0, false
	}
	batch, _ = strconv.Atoi(f[1])
	last, _ = strconv.ParseInt(f[2], 10, 64)
	return batch, last, true
}

// Crash starts a child that appends batches of events to the log at dsn, kills it with
// SIGKILL after it has acknowledged a few batches — while it is in the middle of another —
// then reopens the log with open and checks that every acknowledged event is there at its
// index, that no batch is there in part (no half event), that the whole store and its tree
// head verify (Registry.Check), and that appends continue.
func Crash(t *testing.T, dsn string, open func(t testing.TB) rights.Store) {
	const batches, size, kill = 40, 100, 3
	w := startWriter(t, dsn, "CRASH", batches, size)
	acked := -1
	for acked < kill-1 {
		b, last, ok := w.ack()
		if !ok {
			t.Fatal("the writer stopped before it was killed")
		}
		if want := int64((b+1)*size - 1); last != want {
			t.Fatalf("batch %d acknowledged up to %d, want %d", b, last, want)
		}
		acked = b
	}
	// The child is now signing, checking or committing batch kill.
	if err := w.cmd.Process.Kill(); err != nil { // SIGKILL
		t.Fatal(err)
	}
	w.cmd.Wait()

	r, err := rights.OpenRegistry(context.Background(), open(t), Options())
	if err != nil {
		t.Fatalf("reopening after SIGKILL: %v", err)
	}
	n := length(t, r)
	if n < int64((acked+1)*size) || n%size != 0 {
		t.Fatalf("after SIGKILL the log has %d events; want ≥ %d acknowledged, in whole batches of %d", n, (acked+1)*size, size)
	}
	t.Logf("killed after %d acknowledged batches; %d events survived", acked+1, n)
	events := Chain("CRASH", batches*size)
	for i, h := range hashes(t, events[:n]) {
		if _, j, err := r.Event(context.Background(), h); err != nil || j != int64(i) {
			t.Fatalf("event %d after SIGKILL: index %d, %v", i, j, err)
		}
	}
	if err := r.Check(context.Background()); err != nil {
		t.Fatalf("Check after SIGKILL: %v", err)
	}
	// Appends continue: the batch that was cut, again (idempotent where it got in), and more.
	more := events[:n+2*size]
	idx, err := r.AppendBatch(context.Background(), more)
	if err != nil {
		t.Fatal(err)
	}
	if idx[len(idx)-1] != int64(len(more)-1) {
		t.Errorf("the next append after SIGKILL got index %d, want %d", idx[len(idx)-1], len(more)-1)
	}
}

// TwoWriters starts two child processes that append their own chains to the log at dsn at
// the same time, in batches, then checks that the log did not fork: it holds every event of
// both once, each writer's in its order, and the store and its head verify.
func TwoWriters(t *testing.T, dsn string, open func(t testing.TB) rights.Store) {
	const batches, size = 10, 50
	ws := []*writer{startWriter(t, dsn, "TWO-A", batches, size), startWriter(t, dsn, "TWO-B", batches, size)}
	deadline := time.Now().Add(2 * time.Minute)
	for _, w := range ws {
		for range batches {
			if _, _, ok := w.ack(); !ok {
				t.Fatal("a writer stopped early")
			}
		}
		if err := w.cmd.Wait(); err != nil {
			t.Fatalf("writer: %v", err)
		}
		if time.Now().After(deadline) {
			t.Fatal("the writers took over 2 minutes")
		}
	}
	r, err := rights.OpenRegistry(context.Background(), open(t), Options())
	if err != nil {
		t.Fatal(err)
	}
	if n := length(t, r); n != 2*batches*size {
		t.Errorf("Len = %d, want %d", n, 2*batches*size)
	}
	for _, prefix := range []string{"TWO-A", "TWO-B"} {
		last := int64(-1)
		for _, h := range hashes(t, Chain(prefix, batches*size)) {
			_, i, err := r.Event(context.Background(), h)
			if err != nil {
				t.Fatal(err)
			}
			if i <= last {
				t.Errorf("%s: event at %d after %d", prefix, i, last)
			}
			last = i
		}
	}
	if err := r.Check(context.Background()); err != nil {
		t.Error(err)
	}
}
