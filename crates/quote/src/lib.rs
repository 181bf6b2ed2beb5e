//! Refund and exchange quotes for Azure reservations (see `shared/spec/refund-exchange.md`).
