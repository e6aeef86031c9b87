package rights

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// exportChunk is how many events Export reads per read transaction, and Import appends per
// batch.
const exportChunk = 1000

// Export writes the log to w as JSON Lines (https://jsonlines.org): one event per line, in
// log order, each in the JSON form of Event (encoding/json of the struct: its fields in
// declaration order, times in RFC 3339 with nanoseconds, hashes in hexadecimal, the signature
// in base64), followed by "\n". This is the canonical form in which a registry moves between
// stores and between exchanges; Import reads it back into an identical log and tree. Export
// reads in transactions of 1,000 events, so appends made while it runs may or may not be in
// the output, but the output is always a prefix of the log.
func (r *Registry) Export(ctx context.Context, w io.Writer) error {
	bw := bufio.NewWriter(w)
	for start := int64(0); ; start += exportChunk {
		var evs []Event
		err := r.st().View(ctx, func(tx StoreReader) error {
			n, err := tx.Len()
			if err != nil {
				return err
			}
			idx := make([]int64, 0, exportChunk)
			for i := start; i < n && i < start+exportChunk; i++ {
				idx = append(idx, i)
			}
			evs, err = readAll(ctx, tx, idx)
			return err
		})
		if err != nil {
			return err
		}
		if len(evs) == 0 {
			return bw.Flush()
		}
		for _, e := range evs {
			line, err := json.Marshal(e)
			if err != nil {
				return fmt.Errorf("rights: export: %w", err)
			}
			bw.Write(line)
			if err := bw.WriteByte('\n'); err != nil {
				return fmt.Errorf("rights: export: %w", err)
			}
		}
	}
}

// ImportError reports the first line of a JSON Lines import that failed: not an event, a bad
// signature, an unknown or bad parent, or a store failure. The lines before it were imported.
type ImportError struct {
	Line int // from 1
	Err  error
}

func (e *ImportError) Error() string {
	return fmt.Sprintf("rights: import line %d: %v", e.Line, trimPrefix(e.Err.Error()))
}

// Unwrap returns the line's error.
func (e *ImportError) Unwrap() error { return e.Err }

// Import reads JSON Lines of events, as Export writes them, and appends them in order,
// checking each as Append does (signature, links to events before it, registrar), in batches
// of 1,000. It stops at the first bad line and returns an *ImportError with its line number;
// every line before it is imported. Events already in the log are idempotent, so an import
// interrupted by a crash can simply be run again. Lines are at most MaxEventJSON bytes; blank
// lines are not allowed. It returns the number of lines imported.
func (r *Registry) Import(ctx context.Context, rd io.Reader) (int, error) {
	sc := bufio.NewScanner(rd)
	sc.Buffer(make([]byte, 0, 64<<10), MaxEventJSON+1)
	var batch []Event
	line, done := 0, 0
	flush := func() error {
		_, k, err := r.appendBatch(ctx, batch)
		if err != nil {
			// No event of the batch went in: append those before the bad one, then report it.
			if k > 0 {
				if _, _, err := r.appendBatch(ctx, batch[:k]); err != nil {
					return &ImportError{Line: done + 1, Err: err}
				}
				done += k
			}
			return &ImportError{Line: done + 1, Err: err}
		}
		done += len(batch)
		batch = batch[:0]
		return nil
	}
	for sc.Scan() {
		line++
		var e Event
		text := bytes.TrimSuffix(sc.Bytes(), []byte{'\r'})
		if err := json.Unmarshal(text, &e); err != nil {
			if _, ok := errors.AsType[*FormatError](err); !ok {
				err = &FormatError{Field: "event JSON", Reason: clip(err.Error())}
			}
			if ferr := flush(); ferr != nil {
				return done, ferr
			}
			return done, &ImportError{Line: line, Err: err}
		}
		batch = append(batch, e)
		if len(batch) == exportChunk {
			if err := flush(); err != nil {
				return done, err
			}
		}
	}
	if err := sc.Err(); err != nil {
		if ferr := flush(); ferr != nil {
			return done, ferr
		}
		if errors.Is(err, bufio.ErrTooLong) {
			err = &FormatError{Field: "event JSON", Reason: fmt.Sprintf("line longer than %d bytes", MaxEventJSON)}
		}
		return done, &ImportError{Line: line + 1, Err: err}
	}
	if len(batch) > 0 {
		if err := flush(); err != nil {
			return done, err
		}
	}
	return done, nil
}
