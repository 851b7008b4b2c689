//! A one-pass JSON reader for the answers the order path reads (the oracle's price, the perp
//! market's position and terms), so each byte is scanned once.
//!
//! The shared decoder (`ballast_types::json`) keeps every field as raw text and parses it again one
//! level down: the oracle's price sits three objects deep, and those re-reads cost 12M gas per
//! order in cosmwasm-vm. These answers come from contracts governance configured and are lenient
//! like their `json_struct!` types: fields the vault does not read are skipped, and a skipped value
//! is only delimited (strings, nesting), not validated. Every field read is parsed strictly, a
//! repeated one is refused, and a missing one is named.

use std::str::FromStr;

/// What was wrong, and where.
pub type ReadResult<T> = Result<T, String>;

/// A position in a JSON text.
pub struct Reader<'a> {
    text: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(text: &'a [u8]) -> Self {
        Reader { text, at: 0 }
    }

    /// The next byte that is not whitespace (0 at the end), not consumed.
    pub fn peek(&mut self) -> u8 {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.text.get(self.at) {
            self.at += 1;
        }
        self.text.get(self.at).copied().unwrap_or(0)
    }

    fn eat(&mut self, byte: u8) -> ReadResult<()> {
        if self.peek() != byte {
            return Err(self.error(format_args!("expected `{}`", char::from(byte))));
        }
        self.at += 1;
        Ok(())
    }

    /// The error at the current position.
    pub fn error(&self, what: std::fmt::Arguments) -> String {
        format!("invalid JSON at byte {}: {what}", self.at)
    }

    /// Reads an object of the fields `names`: `read(i, r)` reads the value of `names[i]`. Other
    /// fields are skipped and a repeated one is refused. Returns the mask of the fields read. One loop
    /// for every object, not one per caller: the contract's size is bounded.
    #[inline(never)]
    pub fn object(
        &mut self,
        names: &[&str],
        read: &mut dyn FnMut(usize, &mut Self) -> ReadResult<()>,
    ) -> ReadResult<u32> {
        let mut seen = 0u32;
        self.eat(b'{')?;
        if self.peek() == b'}' {
            self.at += 1;
            return Ok(seen);
        }
        loop {
            let key = self.string()?;
            self.eat(b':')?;
            match names.iter().position(|name| name.as_bytes() == key) {
                Some(i) if seen & (1 << i) != 0 => return Err(field_error("duplicate", names[i])),
                Some(i) => {
                    seen |= 1 << i;
                    read(i, self).map_err(|e| format!("{}: {e}", names[i]))?;
                }
                None => self.skip()?,
            }
            match self.peek() {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    return Ok(seen);
                }
                _ => return Err(self.error(format_args!("expected `,` or `}}`"))),
            }
        }
    }

    /// A string's bytes, which may not hold escapes (no field the vault reads has one).
    pub fn string(&mut self) -> ReadResult<&'a [u8]> {
        self.eat(b'"')?;
        let rest = &self.text[self.at..];
        match rest.iter().position(|&b| b == b'"' || b == b'\\') {
            Some(end) if rest[end] == b'"' => {
                self.at += end + 1;
                Ok(&rest[..end])
            }
            _ => Err(self.error(format_args!("expected a string without escapes"))),
        }
    }

    /// A string value, escapes and all.
    pub fn text(&mut self) -> ReadResult<String> {
        let start = self.at;
        if self.peek() != b'"' {
            return Err(self.error(format_args!("expected a string")));
        }
        self.skip_string()?;
        cosmwasm_std::from_json(&self.text[start..self.at])
            .map_err(|_| format!("invalid JSON string at byte {start}"))
    }

    /// True, consuming it, when the next value is `null`.
    pub fn null(&mut self) -> bool {
        let is_null = self.peek() == b'n' && self.text[self.at..].starts_with(b"null");
        if is_null {
            self.at += 4;
        }
        is_null
    }

    /// A number, or a number written as a string, parsed as `T`.
    pub fn parse<T: FromStr>(&mut self) -> ReadResult<T> {
        let (at, text) = self.number_text()?;
        text.parse().map_err(|_| not_a_number(at, text))
    }

    /// An integer (in a JSON number or string) that fits `T`: one parser for every integer field.
    pub fn int<T: TryFrom<i128>>(&mut self) -> ReadResult<T> {
        let (at, text) = self.number_text()?;
        text.parse::<i128>()
            .ok()
            .and_then(|n| T::try_from(n).ok())
            .ok_or_else(|| not_a_number(at, text))
    }

    /// The text of a number, or of a string holding one, and where it starts.
    #[inline(never)]
    fn number_text(&mut self) -> ReadResult<(usize, &'a str)> {
        let token = if self.peek() == b'"' {
            self.string()?
        } else {
            self.token()
        };
        Ok((self.at, std::str::from_utf8(token).unwrap_or_default()))
    }

    /// A bare token: a number, `true`, `false` or `null`.
    fn token(&mut self) -> &'a [u8] {
        let rest = &self.text[self.at..];
        let end = rest
            .iter()
            .position(|&b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b'+' || b == b'.'))
            .unwrap_or(rest.len());
        self.at += end;
        &rest[..end]
    }

    /// Steps over any value.
    pub fn skip(&mut self) -> ReadResult<()> {
        match self.peek() {
            b'"' => self.skip_string(),
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match self.text.get(self.at) {
                        Some(b'{' | b'[') => depth += 1,
                        Some(b'}' | b']') => depth -= 1,
                        Some(b'"') => {
                            self.skip_string()?;
                            continue;
                        }
                        Some(_) => {}
                        None => return Err(self.error(format_args!("unterminated value"))),
                    }
                    self.at += 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
            }
            _ if self.token().is_empty() => Err(self.error(format_args!("expected a value"))),
            _ => Ok(()),
        }
    }

    fn skip_string(&mut self) -> ReadResult<()> {
        self.at += 1;
        loop {
            let rest = &self.text[self.at..];
            match rest.iter().position(|&b| b == b'"' || b == b'\\') {
                Some(end) if rest[end] == b'"' => {
                    self.at += end + 1;
                    return Ok(());
                }
                // an escape: the byte after the backslash cannot end the string
                Some(end) if end + 1 < rest.len() => self.at += end + 2,
                _ => return Err(self.error(format_args!("unterminated string"))),
            }
        }
    }

    /// Refuses anything but whitespace after the value.
    pub fn end(&mut self) -> ReadResult<()> {
        match self.peek() {
            0 if self.at == self.text.len() => Ok(()),
            _ => Err(self.error(format_args!("trailing characters"))),
        }
    }
}

#[inline(never)]
fn not_a_number(at: usize, text: &str) -> String {
    format!("invalid JSON at byte {at}: `{text}` is not a number of the field's type")
}

/// Refuses an object without every field of `required`, a mask over `names`, naming the first.
pub fn require(seen: u32, required: u32, names: &[&str]) -> ReadResult<()> {
    match (0..names.len()).find(|&i| required & !seen & (1 << i) != 0) {
        Some(i) => Err(field_error("missing", names[i])),
        None => Ok(()),
    }
}

#[inline(never)]
fn field_error(what: &str, name: &str) -> String {
    format!("{what} field `{name}`")
}
