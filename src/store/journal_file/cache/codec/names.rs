//! Ids and names that repeat within a block (a record's id in every set of its session, exercise,
//! programme and phase ids, rule labels): the first time in full, then as a number. Decoding a
//! repeat is a copy of a value already checked, not a new string to check and build, which was
//! the largest part of decoding a cache.

use super::super::wire::{Corrupt, Reader, Writer};
use smol_str::SmolStr;
use std::collections::HashMap;

/// 0 before a name written in full; n > 0 refers to the name written n names back. Counting
/// back rather than from the start keeps references right when a rewrite joins two small
/// blocks into one (`layout::build`): the later part's names then follow the earlier part's.
const NEW_NAME: u64 = 0;

/// The names written so far in a block, by 0-based number.
#[derive(Debug, Default)]
pub struct NamesWritten {
    numbers: HashMap<SmolStr, u64>,
}

/// The names read so far in a block, in the order they were written.
#[derive(Debug, Default)]
pub struct NamesRead {
    names: Vec<SmolStr>,
}

pub fn write_name(w: &mut Writer, names: &mut NamesWritten, name: &str) {
    let count = names.numbers.len() as u64;
    if let Some(&number) = names.numbers.get(name) {
        w.varint(count - number);
    } else {
        w.varint(NEW_NAME);
        w.str(name);
        names.numbers.insert(name.into(), count);
    }
}

pub fn read_name(r: &mut Reader, names: &mut NamesRead) -> Result<SmolStr, Corrupt> {
    match r.varint()? {
        NEW_NAME => {
            let name = SmolStr::from(r.str()?);
            names.names.push(name.clone());
            Ok(name)
        }
        back => usize::try_from(back)
            .ok()
            .and_then(|back| names.names.len().checked_sub(back))
            .and_then(|i| names.names.get(i))
            .cloned()
            .ok_or(Corrupt("a name refers to no earlier name")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_come_back_equal_and_unknown_numbers_are_corrupt() {
        let mut w = Writer::default();
        let mut written = NamesWritten::default();
        let input = [
            "bridge",
            "dev1-000001",
            "bridge",
            "a name longer than twenty-three bytes",
            "bridge",
        ];
        for name in input {
            write_name(&mut w, &mut written, name);
        }
        let mut r = Reader::new(&w.bytes);
        let mut read = NamesRead::default();
        for name in input {
            assert_eq!(read_name(&mut r, &mut read).unwrap(), name);
        }
        assert!(r.is_empty());

        let mut w = Writer::default();
        w.varint(3);
        let mut r = Reader::new(&w.bytes);
        assert!(read_name(&mut r, &mut NamesRead::default()).is_err());
    }

    #[test]
    fn two_encodings_joined_read_as_written() {
        // What a rewrite does when it joins two small blocks: each part was written from an
        // empty table; read one after the other, the second still finds its own names.
        let parts = [["a", "b", "a"], ["b", "c", "b"]];
        let mut joined = Writer::default();
        for part in parts {
            let mut written = NamesWritten::default();
            for name in part {
                write_name(&mut joined, &mut written, name);
            }
        }
        let mut r = Reader::new(&joined.bytes);
        let mut read = NamesRead::default();
        for name in parts.concat() {
            assert_eq!(read_name(&mut r, &mut read).unwrap(), name);
        }
    }
}
