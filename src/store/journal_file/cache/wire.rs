//! The cache's primitive values as bytes: LEB128 varints (zigzag for signed numbers), fixed
//! little-endian words for hashes and floats, and length-prefixed UTF-8 strings. Reading checks
//! every bound, so a damaged cache is an error, never a panic or a wrong value.

use std::fmt;

/// Why cache bytes could not be decoded: the cache is thrown away and rebuilt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Corrupt(pub &'static str);

impl fmt::Display for Corrupt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// Appends values to a byte buffer.
#[derive(Debug, Default)]
pub struct Writer {
    pub bytes: Vec<u8>,
}

impl Writer {
    pub fn u8(&mut self, value: u8) {
        self.bytes.push(value);
    }

    pub fn bool(&mut self, value: bool) {
        self.u8(u8::from(value));
    }

    /// Bytes written so far.
    pub fn position(&self) -> usize {
        self.bytes.len()
    }

    pub fn varint(&mut self, mut value: u64) {
        while value >= 0x80 {
            self.bytes.push((value as u8) | 0x80);
            value >>= 7;
        }
        self.bytes.push(value as u8);
    }

    pub fn signed(&mut self, value: i64) {
        self.varint(((value << 1) ^ (value >> 63)) as u64);
    }

    pub fn len(&mut self, len: usize) {
        self.varint(len as u64);
    }

    pub fn u32_le(&mut self, value: u32) {
        self.bytes.extend_from_slice(&value.to_le_bytes());
    }

    pub fn u64_le(&mut self, value: u64) {
        self.bytes.extend_from_slice(&value.to_le_bytes());
    }

    /// Bit for bit: NaN payloads and the sign of zero survive.
    pub fn f64(&mut self, value: f64) {
        self.u64_le(value.to_bits());
    }

    pub fn str(&mut self, value: &str) {
        self.len(value.len());
        self.bytes.extend_from_slice(value.as_bytes());
    }

    /// `None` as 0, `Some(v)` as v + 1: one varint for an optional count.
    pub fn opt_u32(&mut self, value: Option<u32>) {
        self.varint(value.map_or(0, |v| u64::from(v) + 1));
    }

    pub fn opt_str(&mut self, value: Option<&str>) {
        self.bool(value.is_some());
        if let Some(text) = value {
            self.str(text);
        }
    }
}

/// Reads values back from a byte slice, front to back.
pub struct Reader<'a> {
    bytes: &'a [u8],
    len: usize,
}

impl<'a> Reader<'a> {
    #[inline]
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader {
            bytes,
            len: bytes.len(),
        }
    }

    /// Bytes read so far.
    #[inline]
    pub fn position(&self) -> usize {
        self.len - self.bytes.len()
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// Bytes left: an upper bound for any count read next (each item takes at least one byte).
    #[inline]
    pub fn remaining(&self) -> usize {
        self.bytes.len()
    }

    #[inline]
    pub fn take(&mut self, len: usize) -> Result<&'a [u8], Corrupt> {
        if len > self.bytes.len() {
            return Err(Corrupt("cut off"));
        }
        let (taken, rest) = self.bytes.split_at(len);
        self.bytes = rest;
        Ok(taken)
    }

    #[inline]
    pub fn u8(&mut self) -> Result<u8, Corrupt> {
        let (&first, rest) = self.bytes.split_first().ok_or(Corrupt("cut off"))?;
        self.bytes = rest;
        Ok(first)
    }

    #[inline]
    pub fn bool(&mut self) -> Result<bool, Corrupt> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(Corrupt("bad flag")),
        }
    }

    #[inline]
    pub fn varint(&mut self) -> Result<u64, Corrupt> {
        // Most numbers in a cache (counts, flags, small values) fit in one byte.
        if let Some((&first, rest)) = self.bytes.split_first()
            && first < 0x80
        {
            self.bytes = rest;
            return Ok(u64::from(first));
        }
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.u8()?;
            if shift == 63 && byte > 1 {
                return Err(Corrupt("number too long"));
            }
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Ok(value);
            }
        }
        Err(Corrupt("number too long"))
    }

    #[inline]
    pub fn signed(&mut self) -> Result<i64, Corrupt> {
        let raw = self.varint()?;
        Ok(((raw >> 1) as i64) ^ -((raw & 1) as i64))
    }

    #[inline]
    pub fn u32(&mut self) -> Result<u32, Corrupt> {
        u32::try_from(self.varint()?).map_err(|_| Corrupt("number out of range"))
    }

    #[inline]
    pub fn len(&mut self) -> Result<usize, Corrupt> {
        usize::try_from(self.varint()?).map_err(|_| Corrupt("length out of range"))
    }

    #[inline]
    pub fn u32_le(&mut self) -> Result<u32, Corrupt> {
        let bytes = self.take(4)?;
        Ok(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
    }

    #[inline]
    pub fn u64_le(&mut self) -> Result<u64, Corrupt> {
        let mut word = [0u8; 8];
        word.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(word))
    }

    #[inline]
    pub fn f64(&mut self) -> Result<f64, Corrupt> {
        Ok(f64::from_bits(self.u64_le()?))
    }

    #[inline]
    pub fn str(&mut self) -> Result<&'a str, Corrupt> {
        let len = self.len()?;
        std::str::from_utf8(self.take(len)?).map_err(|_| Corrupt("text is not UTF-8"))
    }

    #[inline]
    pub fn opt_u32(&mut self) -> Result<Option<u32>, Corrupt> {
        match self.varint()? {
            0 => Ok(None),
            v => u32::try_from(v - 1)
                .map(Some)
                .map_err(|_| Corrupt("number out of range")),
        }
    }

    #[inline]
    pub fn opt_str(&mut self) -> Result<Option<&'a str>, Corrupt> {
        if self.bool()? {
            self.str().map(Some)
        } else {
            Ok(None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip_at_their_limits() {
        let mut w = Writer::default();
        let unsigned = [
            0,
            1,
            127,
            128,
            16_383,
            16_384,
            u64::from(u32::MAX),
            u64::MAX,
        ];
        let signed = [0, -1, 1, i64::MIN, i64::MAX, -64, 64];
        for v in unsigned {
            w.varint(v);
        }
        for v in signed {
            w.signed(v);
        }
        w.f64(-0.0);
        w.opt_u32(None);
        w.opt_u32(Some(u32::MAX));
        let mut r = Reader::new(&w.bytes);
        for v in unsigned {
            assert_eq!(r.varint(), Ok(v));
        }
        for v in signed {
            assert_eq!(r.signed(), Ok(v));
        }
        assert_eq!(r.f64().map(f64::to_bits), Ok((-0.0f64).to_bits()));
        assert_eq!(r.opt_u32(), Ok(None));
        assert_eq!(r.opt_u32(), Ok(Some(u32::MAX)));
        assert!(r.is_empty());
    }

    #[test]
    fn cut_off_and_bad_bytes_are_errors() {
        let mut w = Writer::default();
        w.str("höhe");
        let full = w.bytes;
        for len in 0..full.len() {
            assert!(Reader::new(&full[..len]).str().is_err(), "{len}");
        }
        assert_eq!(Reader::new(&full).str(), Ok("höhe"));
        assert!(Reader::new(&[2, 0xff, 0xfe]).str().is_err());
        assert!(Reader::new(&[2]).bool().is_err());
        assert!(Reader::new(&[0xff; 11]).varint().is_err());
        assert!(Reader::new(&[0x80, 0x80, 0x80, 0x80, 0x10]).u32().is_err());
    }
}
