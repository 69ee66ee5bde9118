//! A reason's numbers by name: a few pairs, sorted by name, in one small allocation.
//!
//! A 10-year journal holds about 22,000 of these. As a `BTreeMap` each took a 384-byte tree node
//! for three or four pairs; as a sorted slice it takes 32 bytes a pair.

use compact_str::CompactString;
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Named numbers, e.g. `{"pain": 6, "ceiling": 5}`: sorted by name, each name once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NamedNumbers(Box<[(CompactString, f64)]>);

impl NamedNumbers {
    /// From pairs in any order; where a name repeats, the last value wins (as in a map).
    pub fn from_pairs(pairs: &[(&str, f64)]) -> Self {
        pairs.iter().map(|(name, value)| (*name, *value)).collect()
    }

    pub fn get(&self, name: &str) -> Option<&f64> {
        self.0
            .binary_search_by(|(key, _)| key.as_str().cmp(name))
            .ok()
            .map(|at| &self.0[at].1)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The pairs in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, f64)> {
        self.0.iter().map(|(name, value)| (name.as_str(), *value))
    }

    fn from_vec(mut pairs: Vec<(CompactString, f64)>) -> Self {
        // A stable sort keeps repeats in their order; folding each later repeat's value into
        // the one kept is "the last value wins".
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        pairs.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                kept.1 = later.1;
            }
            same
        });
        NamedNumbers(pairs.into_boxed_slice())
    }
}

impl<K: Into<CompactString>> FromIterator<(K, f64)> for NamedNumbers {
    fn from_iter<I: IntoIterator<Item = (K, f64)>>(pairs: I) -> Self {
        Self::from_vec(pairs.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }
}

impl Serialize for NamedNumbers {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in self.0.iter() {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for NamedNumbers {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PairsVisitor;

        impl<'de> Visitor<'de> for PairsVisitor {
            type Value = NamedNumbers;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of names to numbers")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NamedNumbers, A::Error> {
                let mut pairs = Vec::with_capacity(map.size_hint().unwrap_or(4).min(16));
                while let Some(pair) = map.next_entry::<CompactString, f64>()? {
                    pairs.push(pair);
                }
                Ok(NamedNumbers::from_vec(pairs))
            }
        }

        deserializer.deserialize_map(PairsVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::NamedNumbers;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    #[test]
    fn reads_and_writes_as_a_json_map_in_name_order() {
        let numbers: NamedNumbers = serde_json::from_str(r#"{"pain": 6, "ceiling": 5}"#).unwrap();
        assert_eq!(numbers.get("pain"), Some(&6.0));
        assert_eq!(numbers.get("ceiling"), Some(&5.0));
        assert_eq!(numbers.get("floor"), None);
        assert_eq!(
            serde_json::to_string(&numbers).unwrap(),
            r#"{"ceiling":5.0,"pain":6.0}"#
        );
    }

    #[test]
    fn a_repeated_name_keeps_its_last_value_as_a_map_would() {
        let numbers = NamedNumbers::from_pairs(&[("pain", 3.0), ("days", 1.0), ("pain", 7.0)]);
        assert_eq!(numbers.len(), 2);
        assert_eq!(numbers.get("pain"), Some(&7.0));
    }

    #[test]
    fn a_value_that_is_not_a_number_is_an_error() {
        assert!(serde_json::from_str::<NamedNumbers>(r#"{"pain": "six"}"#).is_err());
        assert!(serde_json::from_str::<NamedNumbers>(r#"[1, 2]"#).is_err());
    }

    proptest! {
        /// Whatever pairs come in, the result answers every lookup as a BTreeMap built from the
        /// same pairs does, and writes the same JSON.
        #[test]
        fn answers_as_a_btree_map_would(pairs in prop::collection::vec(("[a-e]{1,2}", -1e6..1e6f64), 0..12)) {
            let borrowed: Vec<(&str, f64)> = pairs.iter().map(|(k, v)| (k.as_str(), *v)).collect();
            let numbers = NamedNumbers::from_pairs(&borrowed);
            let map: BTreeMap<&str, f64> = borrowed.iter().copied().collect();
            prop_assert_eq!(numbers.len(), map.len());
            for (name, value) in &map {
                prop_assert_eq!(numbers.get(name), Some(value));
            }
            prop_assert_eq!(numbers.iter().collect::<Vec<_>>(), map.iter().map(|(k, v)| (*k, *v)).collect::<Vec<_>>());
            prop_assert_eq!(serde_json::to_string(&numbers).unwrap(), serde_json::to_string(&map).unwrap());
        }
    }
}
