//! Reading Azure's public Retail Prices API pages (`https://prices.azure.com/api/retail/prices`,
//! one saved JSON response per file) into the price list `reservation-server prices import`
//! stores.
//!
//! A page is `{"BillingCurrency", "CustomerEntityId", "CustomerEntityType", "Items": […],
//! "NextPageLink", "Count"}`. `Reservation` and `Consumption` items are kept, every other type
//! (`DevTestConsumption`, …) is skipped. `unitPrice` is read exactly from the JSON text, never
//! through a float; an exponent (`1.5E-05`) is applied exactly too. A reservation's `unitPrice`
//! is one unit for the whole term.

use std::collections::{BTreeMap, HashMap};

use reservation_api::Term;
use reservation_mock::family_of_service;
use reservation_sql_store::PriceItem;
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::value::RawValue;

/// The types of item kept.
pub const KEPT_TYPES: &[&str] = &["Reservation", "Consumption"];

/// The one currency the dashboard prices in.
pub const CURRENCY: &str = "USD";

/// One page of the Retail Prices API (what is read of it).
#[derive(Deserialize)]
struct Page {
    #[serde(rename = "Items")]
    items: Vec<RawItem>,
}

/// One item as the API writes it; text fields absent in the JSON are `None`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawItem {
    #[serde(rename = "type")]
    kind: Option<String>,
    unit_price: Option<Box<RawValue>>,
    currency_code: Option<String>,
    arm_region_name: Option<String>,
    arm_sku_name: Option<String>,
    reservation_term: Option<String>,
    service_name: Option<String>,
    product_name: Option<String>,
    sku_name: Option<String>,
    unit_of_measure: Option<String>,
    meter_id: Option<String>,
    product_id: Option<String>,
    sku_id: Option<String>,
    effective_start_date: Option<String>,
}

/// The largest power of ten an exponent may apply (a decimal holds 28 digits).
const MAX_EXPONENT: u32 = 28;

/// A JSON number's exact decimal value from its text (`0.1`, `1234.5678`, `-2`, `1e3`,
/// `1.5E-05`, exponent applied exactly). A JSON string, anything else that is not a JSON number,
/// an exponent over 28, or a value a decimal cannot hold exactly (over 28 digits) is refused.
pub fn exact_decimal(raw: &str) -> Result<Decimal, String> {
    let text = raw.trim();
    if text.starts_with('"') {
        return Err(format!("{text} is a string, not a JSON number"));
    }
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    };
    let digits = mantissa.strip_prefix('-').unwrap_or(mantissa);
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let int_ok = all_digits(int) && (int == "0" || !int.starts_with('0'));
    if !int_ok || frac.is_some_and(|f| !all_digits(f)) {
        return Err(format!("{text} is not a JSON number"));
    }
    let mut value = Decimal::from_str_exact(mantissa)
        .map_err(|e| format!("{text} cannot be held exactly: {e}"))?;
    if let Some(exp) = exponent {
        let unsigned = exp.strip_prefix(['+', '-']).unwrap_or(exp);
        if !all_digits(unsigned) {
            return Err(format!("{text} is not a JSON number"));
        }
        let power: u32 = unsigned
            .parse()
            .ok()
            .filter(|p| *p <= MAX_EXPONENT)
            .ok_or_else(|| format!("{text}: the exponent is out of range"))?;
        if exp.starts_with('-') {
            let scale = value.scale() + power;
            value
                .set_scale(scale)
                .map_err(|_| format!("{text} has more than 28 decimals"))?;
        } else {
            let factor = Decimal::from_i128_with_scale(10_i128.pow(power), 0);
            value = value
                .checked_mul(factor)
                .ok_or_else(|| format!("{text} is too large"))?;
        }
    }
    Ok(value)
}

/// A reservation term as the API writes it (`1 Year`, `3 Years`, `5 Years`).
pub fn reservation_term(text: &str) -> Option<Term> {
    match text.trim().to_ascii_lowercase().as_str() {
        "1 year" | "1 years" => Some(Term::P1Y),
        "3 year" | "3 years" => Some(Term::P3Y),
        "5 year" | "5 years" => Some(Term::P5Y),
        _ => None,
    }
}

/// What an import read: the items to store and the counts of its summary.
#[derive(Debug, Default)]
pub struct Import {
    /// The items kept, in the order read (a later item of the same identity replaced).
    items: Vec<PriceItem>,
    /// Item identity → position in `items`.
    seen: HashMap<(String, String, String, String, Option<String>), usize>,
    /// Files read.
    pub files: usize,
    /// Items read.
    pub read: usize,
    /// Items skipped, by reason.
    pub skipped: BTreeMap<String, usize>,
    /// Items that repeated an earlier one (the one in effect later is kept).
    pub duplicates: usize,
}

impl Import {
    /// Adds the items of one page, or says what is wrong with it (nothing of it is added).
    pub fn add_page(&mut self, text: &str) -> Result<(), String> {
        let page: Page = serde_json::from_str(text)
            .map_err(|e| format!("not a page of the Azure Retail Prices API: {e}"))?;
        let mut kept = Vec::new();
        let mut skipped: BTreeMap<String, usize> = BTreeMap::new();
        for (i, raw) in page.items.into_iter().enumerate() {
            match item(raw).map_err(|e| format!("Items[{i}]: {e}"))? {
                Ok(it) => kept.push(it),
                Err(reason) => *skipped.entry(reason).or_default() += 1,
            }
        }
        self.files += 1;
        self.read += kept.len() + skipped.values().sum::<usize>();
        for (k, n) in skipped {
            *self.skipped.entry(k).or_default() += n;
        }
        for it in kept {
            let key = (
                it.price_type.clone(),
                it.sku_id.clone(),
                it.meter_id.clone(),
                it.arm_region_name.clone(),
                it.reservation_term.as_ref().map(|t| t.as_str().to_string()),
            );
            match self.seen.get(&key) {
                Some(&at) => {
                    self.duplicates += 1;
                    if it.effective_start_date >= self.items[at].effective_start_date {
                        self.items[at] = it;
                    }
                }
                None => {
                    self.seen.insert(key, self.items.len());
                    self.items.push(it);
                }
            }
        }
        Ok(())
    }

    /// The items to store.
    pub fn items(&self) -> &[PriceItem] {
        &self.items
    }

    /// How many items of `price_type` are kept.
    pub fn kept(&self, price_type: &str) -> usize {
        self.items
            .iter()
            .filter(|i| i.price_type == price_type)
            .count()
    }

    /// How many kept reservation items the dashboard offers (a family it sells, an ARM SKU name),
    /// and the services of the others with their counts.
    pub fn offered(&self) -> (usize, BTreeMap<String, usize>) {
        let mut offered = 0;
        let mut not = BTreeMap::new();
        for it in self.items.iter().filter(|i| i.price_type == "Reservation") {
            if family_of_service(&it.service_name, &it.product_name).is_some()
                && !it.arm_sku_name.is_empty()
            {
                offered += 1;
            } else {
                *not.entry(it.service_name.clone()).or_default() += 1;
            }
        }
        (offered, not)
    }

    /// The summary printed after an import.
    pub fn summary(&self) -> String {
        let mut s = format!(
            "read {} item(s) from {} file(s): kept {} Reservation, {} Consumption",
            self.read,
            self.files,
            self.kept("Reservation"),
            self.kept("Consumption"),
        );
        if !self.skipped.is_empty() {
            let parts: Vec<String> = self
                .skipped
                .iter()
                .map(|(k, n)| format!("{n} {k}"))
                .collect();
            s.push_str(&format!("; skipped {}", parts.join(", ")));
        }
        if self.duplicates > 0 {
            s.push_str(&format!(
                "; {} repeated item(s) (the latest in effect kept)",
                self.duplicates
            ));
        }
        let (offered, not) = self.offered();
        s.push_str(&format!(
            "\n{offered} reservation price(s) can be bought in the dashboard"
        ));
        if !not.is_empty() {
            let parts: Vec<String> = not.iter().map(|(k, n)| format!("{k} ({n})")).collect();
            s.push_str(&format!(
                "; stored but not offered (service not sold here or no armSkuName): {}",
                parts.join(", ")
            ));
        }
        s
    }
}

/// A kept item, `Ok(Err(reason))` for one skipped, or what is wrong with it.
fn item(raw: RawItem) -> Result<Result<PriceItem, String>, String> {
    let Some(kind) = raw.kind.as_deref().map(str::trim) else {
        return Err("no 'type'".into());
    };
    if !KEPT_TYPES.contains(&kind) {
        return Ok(Err(format!("{kind} item(s)")));
    }
    let text = |v: Option<String>, name: &str| -> Result<String, String> {
        v.map(|s| s.trim().to_string())
            .ok_or_else(|| format!("a {kind} item without '{name}'"))
    };
    let price = raw
        .unit_price
        .ok_or_else(|| format!("a {kind} item without 'unitPrice'"))?;
    let unit_price = exact_decimal(price.get()).map_err(|e| format!("unitPrice {e}"))?;
    if unit_price.is_sign_negative() && !unit_price.is_zero() {
        return Err(format!("unitPrice {unit_price} is negative"));
    }
    let currency_code = text(raw.currency_code, "currencyCode")?;
    if currency_code != CURRENCY {
        return Err(format!(
            "priced in '{currency_code}': the dashboard prices in USD; fetch the list with \
             currencyCode='USD' (the API's default)"
        ));
    }
    let term = if kind == "Reservation" {
        match raw.reservation_term.as_deref().and_then(reservation_term) {
            Some(t) => Some(t),
            None => {
                return Ok(Err(match raw.reservation_term {
                    Some(t) => format!("Reservation item(s) of term '{t}'"),
                    None => "Reservation item(s) without a reservationTerm".into(),
                }))
            }
        }
    } else {
        None
    };
    Ok(Ok(PriceItem {
        price_type: kind.to_string(),
        arm_sku_name: raw.arm_sku_name.unwrap_or_default().trim().to_string(),
        arm_region_name: text(raw.arm_region_name, "armRegionName")?,
        reservation_term: term,
        unit_price,
        currency_code,
        service_name: text(raw.service_name, "serviceName")?,
        product_name: text(raw.product_name, "productName")?,
        sku_name: text(raw.sku_name, "skuName")?,
        unit_of_measure: raw.unit_of_measure.unwrap_or_default().trim().to_string(),
        meter_id: text(raw.meter_id, "meterId")?,
        product_id: text(raw.product_id, "productId")?,
        sku_id: text(raw.sku_id, "skuId")?,
        effective_start_date: raw.effective_start_date.unwrap_or_default(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn prices_are_read_exactly() {
        assert_eq!(exact_decimal("0.1"), Ok(dec!(0.1)));
        assert_eq!(exact_decimal("1234.5678"), Ok(dec!(1234.5678)));
        assert_eq!(exact_decimal("0"), Ok(dec!(0)));
        assert_eq!(exact_decimal("701.0"), Ok(dec!(701.0)));
        // More digits than an f64 holds.
        assert_eq!(
            exact_decimal("0.12345678901234567890123"),
            Ok(dec!(0.12345678901234567890123))
        );
        assert_eq!(exact_decimal("-2"), Ok(dec!(-2)));
        // Exponents are applied exactly.
        assert_eq!(exact_decimal("1e3"), Ok(dec!(1000)));
        assert_eq!(exact_decimal("1.5E-05"), Ok(dec!(0.000015)));
        assert_eq!(exact_decimal("2.5e+2"), Ok(dec!(250)));
        for bad in [
            "\"1.5\"", "", "1.", ".5", "01", "1e", "1e-", "0x10", "NaN", "1e99", "1e-40",
        ] {
            assert!(exact_decimal(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn terms_map_to_the_api() {
        assert_eq!(reservation_term("1 Year"), Some(Term::P1Y));
        assert_eq!(reservation_term("3 Years"), Some(Term::P3Y));
        assert_eq!(reservation_term("5 Years"), Some(Term::P5Y));
        assert_eq!(reservation_term("2 Years"), None);
    }

    const PAGE: &str = r#"{"BillingCurrency": "USD", "CustomerEntityId": "Default",
      "CustomerEntityType": "Retail", "NextPageLink": null, "Count": 4, "Items": [
      {"currencyCode": "USD", "tierMinimumUnits": 0.0, "reservationTerm": "1 Year",
       "retailPrice": 701.0, "unitPrice": 701.10, "armRegionName": "eastus", "location": "US East",
       "effectiveStartDate": "2024-01-01T00:00:00Z", "meterId": "m1", "meterName": "D2s v5",
       "productId": "p1", "skuId": "p1/01", "productName": "Virtual Machines Dsv5 Series",
       "skuName": "D2s v5", "serviceName": "Virtual Machines", "serviceId": "s",
       "serviceFamily": "Compute", "unitOfMeasure": "1 Hour", "type": "Reservation",
       "isPrimaryMeterRegion": true, "armSkuName": "Standard_D2s_v5"},
      {"currencyCode": "USD", "unitPrice": 0.096, "armRegionName": "eastus", "meterId": "m1",
       "productId": "p1", "skuId": "p1/02", "productName": "Virtual Machines Dsv5 Series",
       "skuName": "D2s v5", "serviceName": "Virtual Machines", "unitOfMeasure": "1 Hour",
       "type": "Consumption", "armSkuName": "Standard_D2s_v5"},
      {"currencyCode": "USD", "unitPrice": 0.05, "armRegionName": "eastus", "meterId": "m1",
       "productId": "p1", "skuId": "p1/03", "productName": "x", "skuName": "x",
       "serviceName": "Virtual Machines", "type": "DevTestConsumption"},
      {"currencyCode": "USD", "unitPrice": 1.0, "type": "SomethingNew"}]}"#;

    #[test]
    fn a_page_keeps_reservations_and_consumption() {
        let mut imp = Import::default();
        imp.add_page(PAGE).unwrap();
        assert_eq!(imp.read, 4);
        assert_eq!(imp.kept("Reservation"), 1);
        assert_eq!(imp.kept("Consumption"), 1);
        assert_eq!(imp.skipped.get("DevTestConsumption item(s)"), Some(&1));
        assert_eq!(imp.skipped.get("SomethingNew item(s)"), Some(&1));
        let r = &imp.items()[0];
        assert_eq!(r.unit_price, dec!(701.10));
        assert_eq!(r.unit_price.to_string(), "701.10");
        assert_eq!(r.reservation_term, Some(Term::P1Y));
        assert_eq!(imp.items()[1].reservation_term, None);
        assert_eq!(imp.offered().0, 1);
        let s = imp.summary();
        assert!(s.contains("kept 1 Reservation, 1 Consumption"), "{s}");
        // The same page again replaces, not doubles.
        imp.add_page(PAGE).unwrap();
        assert_eq!(imp.items().len(), 2);
        assert_eq!(imp.duplicates, 2);
    }

    #[test]
    fn bad_pages_are_refused() {
        let mut imp = Import::default();
        assert!(imp.add_page("[]").is_err());
        assert!(imp
            .add_page("{\"Items\": [{\"type\": \"Reservation\"")
            .is_err());
        let string_price = PAGE.replace("\"unitPrice\": 701.10", "\"unitPrice\": \"701.10\"");
        let e = imp.add_page(&string_price).unwrap_err();
        assert!(
            e.contains("Items[0]") && e.contains("not a JSON number"),
            "{e}"
        );
        let euro = PAGE.replace(
            "\"currencyCode\": \"USD\", \"tierMinimumUnits\"",
            "\"currencyCode\": \"EUR\", \"tierMinimumUnits\"",
        );
        assert!(imp.add_page(&euro).unwrap_err().contains("EUR"));
        let no_meter = PAGE.replace("\"meterId\": \"m1\", \"meterName\"", "\"meterName\"");
        assert!(imp.add_page(&no_meter).unwrap_err().contains("meterId"));
        assert_eq!(imp.files, 0);
        assert!(imp.items().is_empty());
    }
}
