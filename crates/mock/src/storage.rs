//! Where the mock backend keeps its state between page loads: a string key-value store.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// A string key-value store (the browser implements it over localStorage).
pub trait Storage {
    /// The value stored under `key`, if any.
    fn get(&self, key: &str) -> Option<String>;
    /// Stores `value` under `key`, replacing what was there.
    fn set(&mut self, key: &str, value: &str);
    /// Removes `key`.
    fn remove(&mut self, key: &str);
}

/// An in-memory store; clones share the same data, so a second backend sees the first's writes.
#[derive(Clone, Debug, Default)]
pub struct MemoryStorage {
    data: Rc<RefCell<HashMap<String, String>>>,
}

impl MemoryStorage {
    /// An empty store.
    pub fn new() -> MemoryStorage {
        MemoryStorage::default()
    }

    /// How many bytes are stored under `key` (0 when absent).
    pub fn len_of(&self, key: &str) -> usize {
        self.data.borrow().get(key).map_or(0, String::len)
    }
}

impl Storage for MemoryStorage {
    fn get(&self, key: &str) -> Option<String> {
        self.data.borrow().get(key).cloned()
    }

    fn set(&mut self, key: &str, value: &str) {
        self.data
            .borrow_mut()
            .insert(key.to_string(), value.to_string());
    }

    fn remove(&mut self, key: &str) {
        self.data.borrow_mut().remove(key);
    }
}

/// A store that keeps nothing (for benchmarks and throwaway backends).
#[derive(Clone, Copy, Debug, Default)]
pub struct NullStorage;

impl Storage for NullStorage {
    fn get(&self, _key: &str) -> Option<String> {
        None
    }

    fn set(&mut self, _key: &str, _value: &str) {}

    fn remove(&mut self, _key: &str) {}
}

impl<S: Storage + ?Sized> Storage for Box<S> {
    fn get(&self, key: &str) -> Option<String> {
        (**self).get(key)
    }

    fn set(&mut self, key: &str, value: &str) {
        (**self).set(key, value)
    }

    fn remove(&mut self, key: &str) {
        (**self).remove(key)
    }
}
