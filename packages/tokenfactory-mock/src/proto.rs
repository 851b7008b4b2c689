//! Just enough protobuf to read the TokenFactory messages: length-delimited fields (strings and the
//! nested coin) and varints, each field kept by number. Malformed bytes are an error, never a panic.

/// The fields of one protobuf message: (field number, bytes) of its length-delimited fields.
pub struct Fields<'a> {
    delimited: Vec<(u64, &'a [u8])>,
}

fn varint(bytes: &[u8], at: &mut usize) -> Result<u64, String> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *bytes.get(*at).ok_or("a varint runs past the end")?;
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Ok(value);
        }
    }
    Err("a varint longer than 10 bytes".to_string())
}

impl<'a> Fields<'a> {
    /// Reads every field; varints are skipped, other wire types refused.
    pub fn parse(bytes: &'a [u8]) -> Result<Self, String> {
        let mut delimited = vec![];
        let mut at = 0;
        while at < bytes.len() {
            let key = varint(bytes, &mut at)?;
            match key & 7 {
                0 => {
                    varint(bytes, &mut at)?;
                }
                2 => {
                    let len = usize::try_from(varint(bytes, &mut at)?)
                        .map_err(|_| "a length beyond memory")?;
                    let end = at
                        .checked_add(len)
                        .filter(|&end| end <= bytes.len())
                        .ok_or("a field runs past the end")?;
                    delimited.push((key >> 3, &bytes[at..end]));
                    at = end;
                }
                wire => return Err(format!("wire type {wire} is not read here")),
            }
        }
        Ok(Self { delimited })
    }

    /// The bytes of field `number` (the last one, as protobuf reads repeats); empty when absent.
    pub fn bytes(&self, number: u64) -> Result<&'a [u8], String> {
        Ok(self
            .delimited
            .iter()
            .rev()
            .find(|(n, _)| *n == number)
            .map_or(&[][..], |(_, b)| b))
    }

    /// Field `number` as a string; empty when absent.
    pub fn string(&self, number: u64) -> Result<String, String> {
        String::from_utf8(self.bytes(number)?.to_vec())
            .map_err(|_| format!("field {number} is not UTF-8"))
    }
}
