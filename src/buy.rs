//! The Buy reservations flow as plain data: the choices (kept in the URL, so reload and
//! back/forward restore them), what the catalogue offers for them, the price computed in the
//! browser with the engine's `purchase_price`, and the checks that name the field at fault.

use reservation_api::{
    BillingPlan, ClientError, Family, PriceEntry, PurchasePrice, PurchaseRequest, QueryBuilder,
    Term,
};
use reservation_quote::{check_purchase_quantity, purchase_price};
use rust_decimal::Decimal;

pub use crate::scope::ScopeChoice;

/// The steps of the flow, in order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// 1. The product family.
    #[default]
    Family,
    /// 2. SKU and region from the catalogue.
    Product,
    /// 3. Term, billing plan, quantity, scope, name, auto-renew; the live price.
    Options,
    /// 4. Review, then buy.
    Review,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 4] = [Step::Family, Step::Product, Step::Options, Step::Review];

    /// The value of `step=` in the URL.
    pub fn key(self) -> &'static str {
        match self {
            Step::Family => "family",
            Step::Product => "product",
            Step::Options => "options",
            Step::Review => "review",
        }
    }

    /// Reads `step=`; anything unknown is the first step.
    pub fn parse(s: &str) -> Step {
        Step::ALL
            .into_iter()
            .find(|st| st.key() == s)
            .unwrap_or_default()
    }

    /// The translation key of the step's title.
    pub fn label(self) -> &'static str {
        match self {
            Step::Family => "buy.step.family",
            Step::Product => "buy.step.product",
            Step::Options => "buy.step.options",
            Step::Review => "buy.step.review",
        }
    }

    /// Zero-based position.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The step after this one (the last stays).
    pub fn next(self) -> Step {
        Step::ALL.get(self.index() + 1).copied().unwrap_or(self)
    }

    /// The step before this one (the first stays).
    pub fn previous(self) -> Step {
        self.index().checked_sub(1).map_or(self, |i| Step::ALL[i])
    }
}

/// A field of the form, which a problem is shown at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// The product family.
    Family,
    /// SKU and region.
    Product,
    /// The term.
    Term,
    /// The billing plan.
    Plan,
    /// The quantity.
    Quantity,
    /// The scope and its target.
    Scope,
    /// The reservation's name.
    Name,
}

impl Field {
    /// The id of the field's input; its message has this id with `-error`.
    pub fn id(self) -> &'static str {
        match self {
            Field::Family => "buy-family",
            Field::Product => "buy-product",
            Field::Term => "buy-term",
            Field::Plan => "buy-plan",
            Field::Quantity => "buy-quantity",
            Field::Scope => "buy-scope",
            Field::Name => "buy-name",
        }
    }

    /// The step the field is on.
    pub fn step(self) -> Step {
        match self {
            Field::Family => Step::Family,
            Field::Product => Step::Product,
            _ => Step::Options,
        }
    }

    /// The field an API error's `target` names (`calculatePrice` and `purchase` targets).
    pub fn from_target(target: &str) -> Option<Field> {
        Some(match target {
            "reservedResourceType" => Field::Family,
            "skuName" | "location" => Field::Product,
            "term" => Field::Term,
            "billingPlan" => Field::Plan,
            "quantity" => Field::Quantity,
            "appliedScopes" | "billingScopeId" => Field::Scope,
            "displayName" => Field::Name,
            _ => return None,
        })
    }
}

/// What is wrong with a field: the translation key of the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Nothing chosen yet.
    Required,
    /// The quantity is not a whole number from 1 to 10,000.
    Quantity,
    /// The catalogue does not sell this combination.
    NotOffered,
    /// The name is longer than 64 characters.
    NameTooLong,
    /// A single or management-group scope without its target.
    ScopeTarget,
}

impl Problem {
    /// The translation key of the message.
    pub fn message(self) -> &'static str {
        match self {
            Problem::Required => "buy.error.required",
            Problem::Quantity => "buy.error.quantity",
            Problem::NotOffered => "buy.error.not_offered",
            Problem::NameTooLong => "config.error.name_too_long",
            Problem::ScopeTarget => "config.error.target_required",
        }
    }
}

/// The most characters a reservation's name may have.
pub const MAX_NAME: usize = 64;

/// Everything chosen so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuyDraft {
    /// The step shown.
    pub step: Step,
    /// The product family.
    pub family: Option<Family>,
    /// The SKU.
    pub sku: String,
    /// The region (`global` for products that are not regional).
    pub region: String,
    /// What the product search box holds.
    pub search: String,
    /// The term.
    pub term: Option<Term>,
    /// The billing plan.
    pub plan: Option<BillingPlan>,
    /// The quantity as typed.
    pub quantity: String,
    /// The scope.
    pub scope: ScopeChoice,
    /// The subscription, resource group or management group id of a non-shared scope.
    pub scope_id: String,
    /// The name as typed (empty: the backend makes one).
    pub name: String,
    /// Auto-renew.
    pub renew: bool,
}

impl Default for BuyDraft {
    fn default() -> Self {
        BuyDraft {
            step: Step::Family,
            family: None,
            sku: String::new(),
            region: String::new(),
            search: String::new(),
            term: None,
            plan: None,
            quantity: "1".into(),
            scope: ScopeChoice::Shared,
            scope_id: String::new(),
            name: String::new(),
            renew: false,
        }
    }
}

/// One SKU in one region that the catalogue sells, for the product step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Product {
    /// The SKU.
    pub sku: String,
    /// The region.
    pub region: String,
    /// The lowest one-year upfront price (or the lowest price at all), to compare products.
    pub from_price: Decimal,
}

/// Distinct values in first-seen order.
fn distinct<T: PartialEq>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut out = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

impl BuyDraft {
    /// Reads the draft from the URL's query parameters; broken values fall back to defaults.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> BuyDraft {
        let text = |k: &str| get(k).unwrap_or_default();
        let some = |k: &str| get(k).filter(|v| !v.is_empty());
        BuyDraft {
            step: Step::parse(&text("step")),
            family: some("family").map(|f| Family::parse(&f)),
            sku: text("sku"),
            region: text("region"),
            search: text("q"),
            term: some("term").map(|t| Term::parse(&t)),
            plan: some("plan").map(|p| BillingPlan::parse(&p)),
            quantity: get("qty").unwrap_or_else(|| "1".into()),
            scope: ScopeChoice::parse(&text("scope")),
            scope_id: text("scopeId"),
            name: text("name"),
            renew: get("renew").as_deref() == Some("true"),
        }
    }

    /// The query string (with `?`) that [`BuyDraft::from_query`] reads back.
    pub fn to_query(&self) -> String {
        let nonempty = |s: &str| (!s.is_empty()).then(|| s.to_string());
        let mut q = QueryBuilder::new();
        q.push("step", self.step.key())
            .push_opt("family", self.family.as_ref().map(Family::as_str))
            .push_opt("sku", nonempty(&self.sku))
            .push_opt("region", nonempty(&self.region))
            .push_opt("q", nonempty(&self.search))
            .push_opt("term", self.term.as_ref().map(Term::as_str))
            .push_opt("plan", self.plan.as_ref().map(BillingPlan::as_str))
            .push("qty", &self.quantity)
            .push_opt(
                "scope",
                (self.scope != ScopeChoice::Shared).then(|| self.scope.value()),
            )
            .push_opt("scopeId", nonempty(&self.scope_id))
            .push_opt("name", nonempty(&self.name))
            .push_opt("renew", self.renew.then_some("true"));
        q.build()
    }

    /// Chooses a family: SKU, region, term and plan start over.
    pub fn choose_family(&mut self, family: Option<Family>) {
        if self.family != family {
            self.family = family;
            self.sku.clear();
            self.region.clear();
            self.search.clear();
            self.term = None;
            self.plan = None;
        }
    }

    /// Chooses a product; a term or plan it does not offer is dropped.
    pub fn choose_product(&mut self, sku: &str, region: &str, catalogue: &[PriceEntry]) {
        self.sku = sku.to_string();
        self.region = region.to_string();
        if let Some(term) = &self.term {
            if !self.terms(catalogue).contains(term) {
                self.term = None;
            }
        }
        if let Some(plan) = &self.plan {
            if !self.plans(catalogue).contains(plan) {
                self.plan = None;
            }
        }
    }

    /// The families on sale.
    pub fn families(catalogue: &[PriceEntry]) -> Vec<Family> {
        distinct(catalogue.iter().map(|p| p.reserved_resource_type.clone()))
    }

    /// The family's products whose SKU or region contains the search text (any case).
    pub fn products(&self, catalogue: &[PriceEntry]) -> Vec<Product> {
        let needle = self.search.trim().to_lowercase();
        let mut out: Vec<Product> = Vec::new();
        for p in catalogue
            .iter()
            .filter(|p| Some(&p.reserved_resource_type) == self.family.as_ref())
        {
            let matches = needle.is_empty()
                || p.sku_name.to_lowercase().contains(&needle)
                || p.location.to_lowercase().contains(&needle);
            if !matches {
                continue;
            }
            let yearly = p.term == Term::P1Y && p.billing_plan == BillingPlan::Upfront;
            match out
                .iter_mut()
                .find(|x| x.sku == p.sku_name && x.region == p.location)
            {
                Some(x) if yearly => x.from_price = p.unit_price,
                Some(_) => {}
                None => out.push(Product {
                    sku: p.sku_name.clone(),
                    region: p.location.clone(),
                    from_price: p.unit_price,
                }),
            }
        }
        out
    }

    /// The catalogue entries of the chosen family, SKU and region.
    fn offers<'a>(&'a self, catalogue: &'a [PriceEntry]) -> impl Iterator<Item = &'a PriceEntry> {
        catalogue.iter().filter(move |p| {
            Some(&p.reserved_resource_type) == self.family.as_ref()
                && p.sku_name == self.sku
                && p.location == self.region
        })
    }

    /// The terms the catalogue offers for the chosen product, shortest first.
    pub fn terms(&self, catalogue: &[PriceEntry]) -> Vec<Term> {
        let mut terms = distinct(self.offers(catalogue).map(|p| p.term.clone()));
        terms.sort_by_key(|t| t.months());
        terms
    }

    /// The billing plans the catalogue offers for the chosen product (and term, when chosen).
    pub fn plans(&self, catalogue: &[PriceEntry]) -> Vec<BillingPlan> {
        distinct(
            self.offers(catalogue)
                .filter(|p| self.term.as_ref().is_none_or(|t| &p.term == t))
                .map(|p| p.billing_plan.clone()),
        )
    }

    /// The catalogue price of one unit of the chosen combination, when the catalogue has it.
    pub fn unit_price(&self, catalogue: &[PriceEntry]) -> Option<Decimal> {
        let (term, plan) = (self.term.as_ref()?, self.plan.as_ref()?);
        self.offers(catalogue)
            .find(|p| &p.term == term && &p.billing_plan == plan)
            .map(|p| p.unit_price)
    }

    /// The quantity, when it is a whole number from 1 to 10,000.
    pub fn quantity(&self) -> Option<u32> {
        let q: u32 = self.quantity.trim().parse().ok()?;
        check_purchase_quantity(q).ok().map(|()| q)
    }

    /// The problems of the fields on `step` and every step before it, in form order.
    pub fn problems(&self, step: Step, catalogue: &[PriceEntry]) -> Vec<(Field, Problem)> {
        let mut out = Vec::new();
        if self.family.is_none() {
            out.push((Field::Family, Problem::Required));
        } else if !catalogue.is_empty()
            && !Self::families(catalogue)
                .iter()
                .any(|f| Some(f) == self.family.as_ref())
        {
            out.push((Field::Family, Problem::NotOffered));
        }
        if step >= Step::Product && out.is_empty() {
            if self.sku.is_empty() || self.region.is_empty() {
                out.push((Field::Product, Problem::Required));
            } else if !catalogue.is_empty() && self.offers(catalogue).next().is_none() {
                out.push((Field::Product, Problem::NotOffered));
            }
        }
        if step >= Step::Options {
            if out.is_empty() {
                match (&self.term, &self.plan) {
                    (None, _) => out.push((Field::Term, Problem::Required)),
                    (Some(t), _) if !catalogue.is_empty() && !self.terms(catalogue).contains(t) => {
                        out.push((Field::Term, Problem::NotOffered))
                    }
                    (Some(_), None) => out.push((Field::Plan, Problem::Required)),
                    (Some(_), Some(_))
                        if !catalogue.is_empty() && self.unit_price(catalogue).is_none() =>
                    {
                        out.push((Field::Plan, Problem::NotOffered))
                    }
                    _ => {}
                }
            }
            if self.quantity().is_none() {
                out.push((Field::Quantity, Problem::Quantity));
            }
            if self.scope != ScopeChoice::Shared && self.scope_id.is_empty() {
                out.push((Field::Scope, Problem::ScopeTarget));
            }
            if self.name.trim().chars().count() > MAX_NAME {
                out.push((Field::Name, Problem::NameTooLong));
            }
        }
        out
    }

    /// Whether `step` may be shown: every field before it is fine.
    pub fn can_enter(&self, step: Step, catalogue: &[PriceEntry]) -> bool {
        step == Step::Family || self.problems(step.previous(), catalogue).is_empty()
    }

    /// The price computed in the browser from the catalogue (the engine's `purchase_price`).
    pub fn price(&self, catalogue: &[PriceEntry]) -> Option<PurchasePrice> {
        purchase_price(
            self.term.as_ref()?,
            self.plan.as_ref()?,
            self.unit_price(catalogue)?,
            self.quantity()?,
        )
        .ok()
    }

    /// The request, once every choice is made (the backend checks it again).
    pub fn to_request(&self) -> Option<PurchaseRequest> {
        let quantity: u32 = self.quantity.trim().parse().ok()?;
        let (scope_type, scopes) = self.scope.applied(&self.scope_id);
        Some(PurchaseRequest {
            reserved_resource_type: self.family.clone()?,
            sku_name: Some(self.sku.clone()).filter(|s| !s.is_empty())?,
            location: Some(self.region.clone()).filter(|s| !s.is_empty())?,
            term: self.term.clone()?,
            billing_plan: self.plan.clone()?,
            quantity,
            display_name: Some(self.name.trim().to_string()).filter(|n| !n.is_empty()),
            applied_scope_type: scope_type,
            applied_scopes: scopes,
            billing_scope_id: None,
            instance_flexibility: None,
            renew: self.renew,
        })
    }
}

/// How the server's price differs from the browser's: the difference of the totals (server −
/// browser), or `None` when they agree in every amount.
pub fn price_difference(browser: &PurchasePrice, server: &PurchasePrice) -> Option<Decimal> {
    (browser != server).then(|| server.total - browser.total)
}

/// The field an API error is about, when it names one.
pub fn error_field(error: &ClientError) -> Option<Field> {
    match error {
        ClientError::Api {
            target: Some(t), ..
        } => Field::from_target(t),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reservation_api::AppliedScopeType;
    use rust_decimal_macros::dec;

    fn entry(
        family: Family,
        sku: &str,
        loc: &str,
        term: Term,
        plan: BillingPlan,
        p: Decimal,
    ) -> PriceEntry {
        PriceEntry {
            reserved_resource_type: family,
            sku_name: sku.into(),
            location: loc.into(),
            term,
            billing_plan: plan,
            unit_price: p,
            currency_code: "USD".into(),
            instance_flexibility_group: None,
            instance_flexibility_ratio: None,
        }
    }

    fn catalogue() -> Vec<PriceEntry> {
        use BillingPlan::*;
        use Family::*;
        vec![
            entry(
                VirtualMachines,
                "Standard_D2s_v5",
                "koreacentral",
                Term::P1Y,
                Upfront,
                dec!(691.20),
            ),
            entry(
                VirtualMachines,
                "Standard_D2s_v5",
                "koreacentral",
                Term::P1Y,
                Monthly,
                dec!(57.60),
            ),
            entry(
                VirtualMachines,
                "Standard_D2s_v5",
                "koreacentral",
                Term::P3Y,
                Upfront,
                dec!(1313.28),
            ),
            entry(
                VirtualMachines,
                "Standard_D2s_v5",
                "eastus",
                Term::P1Y,
                Upfront,
                dec!(640.00),
            ),
            entry(
                DedicatedHost,
                "DSv5_Type1",
                "koreacentral",
                Term::P1Y,
                Upfront,
                dec!(41040.00),
            ),
            entry(
                DatabricksPrePurchase,
                "DBCU_100",
                "global",
                Term::P1Y,
                Upfront,
                dec!(100.00),
            ),
        ]
    }

    fn vm_draft() -> BuyDraft {
        BuyDraft {
            step: Step::Review,
            family: Some(Family::VirtualMachines),
            sku: "Standard_D2s_v5".into(),
            region: "koreacentral".into(),
            term: Some(Term::P1Y),
            plan: Some(BillingPlan::Monthly),
            quantity: "4".into(),
            name: "vm-web".into(),
            renew: true,
            ..BuyDraft::default()
        }
    }

    #[test]
    fn the_url_holds_every_choice() {
        let mut d = vm_draft();
        d.scope = ScopeChoice::ResourceGroup;
        d.scope_id = "/subscriptions/x/resourceGroups/rg 1".into();
        d.search = "korea".into();
        let q = d.to_query();
        let params = reservation_api::QueryParams::parse(q.trim_start_matches('?'));
        let back = BuyDraft::from_query(|k| params.get(k).map(str::to_string));
        assert_eq!(back, d);
        assert_eq!(BuyDraft::from_query(|_| None), BuyDraft::default());
        assert_eq!(Step::parse("nonsense"), Step::Family);
    }

    #[test]
    fn the_browser_price_is_the_engine_price_of_the_catalogue_entry() {
        let d = vm_draft();
        let p = d.price(&catalogue()).unwrap();
        assert_eq!(p.unit_price, dec!(57.60));
        assert_eq!(p.monthly_instalment, Some(dec!(230.40)));
        assert_eq!(p.total, dec!(2764.80));
        let up = BuyDraft {
            plan: Some(BillingPlan::Upfront),
            ..vm_draft()
        };
        assert_eq!(up.price(&catalogue()).unwrap().total, dec!(2764.80));
        assert_eq!(price_difference(&p, &p), None);
        let mut server = p.clone();
        server.total += dec!(0.01);
        assert_eq!(price_difference(&p, &server), Some(dec!(0.01)));
    }

    #[test]
    fn problems_name_the_field() {
        let c = catalogue();
        assert!(vm_draft().problems(Step::Review, &c).is_empty());
        for (qty, ok) in [
            ("0", false),
            ("10001", false),
            ("1.5", false),
            ("abc", false),
            ("1", true),
            ("10000", true),
        ] {
            let d = BuyDraft {
                quantity: qty.into(),
                ..vm_draft()
            };
            let problems = d.problems(Step::Review, &c);
            assert_eq!(problems.is_empty(), ok, "{qty}");
            if !ok {
                assert_eq!(problems, vec![(Field::Quantity, Problem::Quantity)]);
            }
        }
        // A term the catalogue lacks for the product (a deep link can ask for one).
        let d = BuyDraft {
            term: Some(Term::P5Y),
            ..vm_draft()
        };
        assert_eq!(
            d.problems(Step::Review, &c),
            vec![(Field::Term, Problem::NotOffered)]
        );
        assert!(d.price(&c).is_none());
        let d = BuyDraft {
            term: Some(Term::P3Y),
            ..vm_draft()
        };
        assert_eq!(
            d.problems(Step::Review, &c),
            vec![(Field::Plan, Problem::NotOffered)]
        );
        let d = BuyDraft {
            region: "westeurope".into(),
            ..vm_draft()
        };
        assert_eq!(
            d.problems(Step::Review, &c),
            vec![(Field::Product, Problem::NotOffered)]
        );
        let d = BuyDraft {
            scope: ScopeChoice::ManagementGroup,
            name: "x".repeat(65),
            ..vm_draft()
        };
        assert_eq!(
            d.problems(Step::Review, &c),
            vec![
                (Field::Scope, Problem::ScopeTarget),
                (Field::Name, Problem::NameTooLong)
            ]
        );
        assert!(!d.can_enter(Step::Review, &c));
        assert!(d.can_enter(Step::Options, &c));
        assert_eq!(
            BuyDraft::default().problems(Step::Family, &c),
            vec![(Field::Family, Problem::Required)]
        );
    }

    #[test]
    fn products_are_searchable_and_offers_follow_the_choice() {
        let c = catalogue();
        let mut d = BuyDraft {
            family: Some(Family::VirtualMachines),
            ..BuyDraft::default()
        };
        assert_eq!(d.products(&c).len(), 2);
        d.search = "EAST".into();
        let found = d.products(&c);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].from_price, dec!(640.00));
        d.search.clear();
        assert_eq!(d.products(&c)[0].from_price, dec!(691.20));
        d.choose_product("Standard_D2s_v5", "koreacentral", &c);
        assert_eq!(d.terms(&c), vec![Term::P1Y, Term::P3Y]);
        assert_eq!(
            d.plans(&c),
            vec![BillingPlan::Upfront, BillingPlan::Monthly]
        );
        d.term = Some(Term::P3Y);
        assert_eq!(d.plans(&c), vec![BillingPlan::Upfront]);
        d.choose_family(Some(Family::DedicatedHost));
        assert!(d.sku.is_empty() && d.term.is_none());
    }

    #[test]
    fn the_request_carries_the_scope_and_options() {
        let mut d = vm_draft();
        d.scope = ScopeChoice::Subscription;
        d.scope_id = "/subscriptions/s1".into();
        let r = d.to_request().unwrap();
        assert_eq!(r.applied_scope_type, AppliedScopeType::Single);
        assert_eq!(r.applied_scopes, vec!["/subscriptions/s1".to_string()]);
        assert_eq!(r.display_name.as_deref(), Some("vm-web"));
        assert!(r.renew);
        d.name = "  ".into();
        assert_eq!(d.to_request().unwrap().display_name, None);
        assert_eq!(Field::from_target("location"), Some(Field::Product));
        assert_eq!(Field::from_target("If-Match"), None);
    }
}
