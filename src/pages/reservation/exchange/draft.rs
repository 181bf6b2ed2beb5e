//! The exchange being put together: what to return, what to buy, and its quote. A plain type,
//! so the rules of the form are tested without a browser.

use chrono::NaiveDate;
use reservation_quote::{
    exchange_quote, BillingPlan, ExchangeQuote, Family, Policy, PurchaseLine, ReturnLine, Term,
};
use rust_decimal::Decimal;

use crate::api::{
    ExchangePurchaseItem, ExchangeRequest, ExchangeReturnItem, PriceEntry, Reservation,
};

/// One reservation to return, with the quantity as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct ReturnDraft {
    pub reservation: Reservation,
    pub quantity: String,
}

/// One reservation to buy, as chosen so far.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct PurchaseDraft {
    pub family: Option<Family>,
    pub sku: String,
    pub location: String,
    pub term: Option<Term>,
    pub plan: Option<BillingPlan>,
    pub quantity: String,
}

/// The whole exchange.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ExchangeDraft {
    pub returns: Vec<ReturnDraft>,
    pub purchases: Vec<PurchaseDraft>,
}

/// A typed quantity, or `None` when it is not a number (the engine then reports it).
fn parse_quantity(text: &str) -> Decimal {
    text.trim().parse().unwrap_or(Decimal::ZERO)
}

impl PurchaseDraft {
    /// The catalogue price of one unit for this line's choices, if they are complete.
    pub fn unit_price(&self, catalogue: &[PriceEntry]) -> Option<Decimal> {
        let family = self.family.as_ref()?;
        let term = self.term.as_ref()?;
        let plan = self.plan.as_ref()?;
        catalogue
            .iter()
            .find(|p| {
                &p.reserved_resource_type == family
                    && p.sku_name == self.sku
                    && p.location == self.location
                    && &p.term == term
                    && &p.billing_plan == plan
            })
            .map(|p| p.unit_price)
    }
}

impl ExchangeDraft {
    /// An exchange that starts by returning all of `reservation`, with one empty purchase line.
    pub fn starting_from(reservation: Reservation) -> ExchangeDraft {
        let quantity = reservation.properties.quantity.to_string();
        ExchangeDraft {
            returns: vec![ReturnDraft {
                reservation,
                quantity,
            }],
            purchases: vec![PurchaseDraft {
                quantity: "1".into(),
                ..PurchaseDraft::default()
            }],
        }
    }

    /// [`starting_from`](Self::starting_from), with the purchase line prefilled from a link
    /// (`?sku=…&quantity=…`, from a sizing recommendation): the SKU in the reservation's family,
    /// region, term and plan, and its quantity.
    pub fn prefilled(
        reservation: Reservation,
        sku: Option<String>,
        quantity: Option<String>,
    ) -> ExchangeDraft {
        let mut draft = ExchangeDraft::starting_from(reservation);
        if let (Some(sku), Some(line), Some(ret)) =
            (sku, draft.purchases.first_mut(), draft.returns.first())
        {
            let p = &ret.reservation.properties;
            *line = PurchaseDraft {
                family: Some(p.reserved_resource_type.clone()),
                sku,
                location: ret.reservation.location.clone(),
                term: Some(p.term.clone()),
                plan: Some(p.billing_plan.clone()),
                quantity: quantity
                    .filter(|q| !q.is_empty() && q.chars().all(|c| c.is_ascii_digit()))
                    .unwrap_or_else(|| "1".into()),
            };
        }
        draft
    }

    /// The quote for the draft on `today`; an incomplete purchase line is priced at 0 so the
    /// engine names it as an invalid purchase.
    pub fn quote(&self, catalogue: &[PriceEntry], today: NaiveDate) -> ExchangeQuote {
        let returns: Vec<ReturnLine> = self
            .returns
            .iter()
            .map(|r| ReturnLine {
                reservation: (&r.reservation).into(),
                quantity: parse_quantity(&r.quantity),
            })
            .collect();
        let purchases: Vec<PurchaseLine> = self
            .purchases
            .iter()
            .map(|p| PurchaseLine {
                family: p.family.clone().unwrap_or(Family::Unknown(String::new())),
                term: p.term.clone().unwrap_or(Term::Unknown(String::new())),
                billing_plan: p
                    .plan
                    .clone()
                    .unwrap_or(BillingPlan::Unknown(String::new())),
                unit_price: p.unit_price(catalogue).unwrap_or(Decimal::ZERO),
                quantity: parse_quantity(&p.quantity),
            })
            .collect();
        exchange_quote(&returns, &purchases, today, &Policy::default())
    }

    /// The request that files this exchange; `None` while a quantity is not a whole number or a
    /// purchase line is incomplete.
    pub fn to_request(&self) -> Option<ExchangeRequest> {
        let returns = self
            .returns
            .iter()
            .map(|r| {
                Some(ExchangeReturnItem {
                    reservation_id: r.reservation.reservation_id().to_string(),
                    quantity: r.quantity.trim().parse().ok()?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let purchases = self
            .purchases
            .iter()
            .map(|p| {
                Some(ExchangePurchaseItem {
                    reserved_resource_type: p.family.clone()?,
                    sku_name: Some(p.sku.clone()).filter(|s| !s.is_empty())?,
                    location: Some(p.location.clone()).filter(|s| !s.is_empty())?,
                    term: p.term.clone()?,
                    billing_plan: p.plan.clone()?,
                    quantity: p.quantity.trim().parse().ok()?,
                    display_name: None,
                    applied_scope_type: Default::default(),
                    applied_scopes: vec![],
                    billing_scope_id: None,
                    instance_flexibility: None,
                    renew: false,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(ExchangeRequest {
            reservations_to_exchange: returns,
            reservations_to_purchase: purchases,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::PriceQuery;
    use reservation_mock::demo::{CONTOSO_ID, VM_UPFRONT};
    use reservation_mock::{InProcessTransport, MemoryStorage, MockBackend};

    #[test]
    fn a_link_prefills_the_purchase_line_in_the_same_region_term_and_plan() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap_or_default();
        let backend = MockBackend::load(Box::new(MemoryStorage::new()), today);
        let client = crate::api::Client::new(InProcessTransport::new(backend, today));
        let key = crate::api::ReservationKey::new(CONTOSO_ID, VM_UPFRONT.0, VM_UPFRONT.1);
        let r = pollster::block_on(client.get_reservation(&key)).expect("reservation");
        let d =
            ExchangeDraft::prefilled(r.clone(), Some("Standard_D2s_v5".into()), Some("5".into()));
        assert_eq!(d.returns[0].quantity, "6");
        let line = &d.purchases[0];
        assert_eq!(line.sku, "Standard_D2s_v5");
        assert_eq!(line.location, r.location);
        assert_eq!(line.term, Some(r.properties.term.clone()));
        assert_eq!(line.plan, Some(r.properties.billing_plan.clone()));
        assert_eq!(line.quantity, "5");
        let catalogue = pollster::block_on(client.price_catalogue(&PriceQuery::default()))
            .expect("catalogue")
            .value;
        assert!(line.unit_price(&catalogue).is_some());
        // No SKU: the usual start; a broken quantity: 1.
        assert_eq!(
            ExchangeDraft::prefilled(r.clone(), None, None),
            ExchangeDraft::starting_from(r.clone())
        );
        let d = ExchangeDraft::prefilled(r, Some("Standard_D2s_v5".into()), Some("x".into()));
        assert_eq!(d.purchases[0].quantity, "1");
    }
}
