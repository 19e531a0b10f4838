//! The byte reader under quick-xml: counts lines as the XML reader consumes
//! bytes (for error messages), and stops one piece of markup from growing
//! past [`MAX_EVENT_BYTES`] (an unterminated CDATA section in a huge file
//! would otherwise be read whole into memory).

use std::io::{self, BufRead, BufReader, Read};

use super::wxr::MAX_EVENT_BYTES;

/// A reader that counts lines as quick-xml consumes bytes, and refuses to
/// let one event grow past [`MAX_EVENT_BYTES`] (an unterminated CDATA
/// section would otherwise be read whole into memory).
pub(super) struct Guarded<R> {
    inner: BufReader<R>,
    /// 1-based line of the next byte.
    pub(super) line: usize,
    since_reset: u64,
    ends_with_newline: bool,
}

impl<R: Read> Guarded<R> {
    pub(super) fn new(inner: BufReader<R>) -> Self {
        Guarded {
            inner,
            line: 1,
            since_reset: 0,
            ends_with_newline: false,
        }
    }

    /// Start counting the size of a new piece of markup.
    pub(super) fn reset(&mut self) {
        self.since_reset = 0;
    }

    /// The line of the last byte read (a final newline ends a line, it starts none).
    pub(super) fn last_line(&self) -> usize {
        if self.ends_with_newline {
            self.line.saturating_sub(1).max(1)
        } else {
            self.line
        }
    }
}

impl<R: Read> Read for Guarded<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = {
            let buf = self.fill_buf()?;
            let n = buf.len().min(out.len());
            out[..n].copy_from_slice(&buf[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Guarded<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.since_reset > MAX_EVENT_BYTES {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "one element is larger than 64 MiB",
            ));
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        let buffered = self.inner.buffer();
        let amt = amt.min(buffered.len());
        self.line += buffered[..amt].iter().filter(|&&b| b == b'\n').count();
        if amt > 0 {
            self.ends_with_newline = buffered[amt - 1] == b'\n';
        }
        self.since_reset += amt as u64;
        self.inner.consume(amt);
    }
}
