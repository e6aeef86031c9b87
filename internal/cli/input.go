package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// ReadInput reads the document named path — standard input when path is "" or "-" — up to
// limit bytes. A missing file, a directory, an empty document and one over the limit are
// errors that name the path and what is wanted.
func ReadInput(path string, stdin io.Reader, limit int) ([]byte, error) {
	name := path
	var r io.Reader = stdin
	if path == "" || path == "-" {
		name = "standard input"
		if stdin == nil {
			return nil, errors.New("standard input: none given; name a file with -in")
		}
	} else {
		f, err := os.Open(path)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("input %q: no such file", path)
			}
			return nil, fmt.Errorf("input %q: %w", path, errors.Unwrap(err))
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return nil, fmt.Errorf("input %q: is a directory; want a file", path)
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, fmt.Errorf("input %s: %w", name, err)
	}
	if len(data) > limit {
		return nil, fmt.Errorf("input %s: larger than the limit of %d bytes", name, limit)
	}
	if len(data) == 0 {
		return nil, fmt.Errorf("input %s: empty; want a document (see assay help)", name)
	}
	return data, nil
}
