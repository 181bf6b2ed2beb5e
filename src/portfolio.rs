//! The Portfolio page's logic as plain functions, tested natively: the URL's filters as an API
//! query, which rows of the virtualized grid are in view, and the CSV export.

use std::ops::Range;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::api::{
    Client, ClientError, Family, PortfolioQuery, PortfolioRow, PortfolioSort, ProvisioningState,
    Transport,
};
use crate::csv_export::{self, plain_money};
use crate::list_state::{Column, ListState};

/// The sortable columns, in the grid's order.
#[rustfmt::skip]
pub const COLUMNS: [Column<PortfolioSort>; 15] = [
    Column::text("customer", PortfolioSort::CompanyName, "portfolio.col.customer"),
    Column::text("name", PortfolioSort::DisplayName, "reservations.col.name"),
    Column::text("family", PortfolioSort::ReservedResourceType, "reservations.filter_family"),
    Column::text("sku", PortfolioSort::SkuName, "reservations.col.sku"),
    Column::text("region", PortfolioSort::Location, "reservations.col.region"),
    Column::number("quantity", PortfolioSort::Quantity, "reservations.col.quantity"),
    Column::text("term", PortfolioSort::Term, "reservations.col.term"),
    Column::text("billing", PortfolioSort::BillingPlan, "reservations.col.billing"),
    Column::text("scope", PortfolioSort::AppliedScopeType, "reservations.col.scope"),
    Column::text("expiry", PortfolioSort::ExpiryDate, "reservations.col.expiry"),
    Column::number("util7", PortfolioSort::Utilization7, "reservations.col.utilization"),
    Column::number("util30", PortfolioSort::Utilization30, "portfolio.col.utilization30"),
    Column::text("renew", PortfolioSort::Renew, "portfolio.col.renew"),
    Column::number("headroom", PortfolioSort::RefundHeadroom, "portfolio.col.headroom"),
    Column::text("status", PortfolioSort::ProvisioningState, "reservations.col.status"),
];

/// The URL's filter keys.
pub const FILTERS: [&str; 7] = [
    "customer", "family", "region", "status", "expiring", "below", "renew",
];

/// The statuses the filter offers.
pub const STATUSES: [ProvisioningState; 3] = [
    ProvisioningState::Succeeded,
    ProvisioningState::Expired,
    ProvisioningState::Cancelled,
];

/// Rows per request when loading every matching row (the API's largest page).
pub const LOAD_PAGE: u32 = 1000;

/// The URL's state as the API query of one page of `top` rows from `skip`. Broken values in
/// the URL (a hand-edited link) are ignored rather than failing the page.
pub fn to_api_query(state: &ListState, skip: u32, top: u32) -> PortfolioQuery {
    PortfolioQuery {
        customer: state.filter("customer").map(str::to_string),
        status: state
            .filter("status")
            .and_then(|s| STATUSES.into_iter().find(|st| st.as_str() == s)),
        family: state.filter("family").map(Family::parse),
        region: state.filter("region").map(str::to_string),
        search: state.search_term(),
        expiring_within_days: state.filter("expiring").and_then(|d| d.parse().ok()),
        utilization_below: state
            .filter("below")
            .and_then(|b| b.trim().parse::<Decimal>().ok())
            .filter(|b| *b >= Decimal::ZERO),
        auto_renew: match state.filter("renew") {
            Some("on") => Some(true),
            Some("off") => Some(false),
            _ => None,
        },
        sort: state.sort_by(&COLUMNS, PortfolioSort::ExpiryDate),
        order: state.order(),
        skip,
        top,
    }
}

/// Every row the URL's state selects, in its order: pages of [`LOAD_PAGE`] rows until the last.
pub async fn load_all<T: Transport>(
    client: &Client<T>,
    state: &ListState,
) -> Result<Vec<PortfolioRow>, ClientError> {
    let mut rows = Vec::new();
    loop {
        let skip = u32::try_from(rows.len()).unwrap_or(u32::MAX);
        let page = client
            .list_portfolio(&to_api_query(state, skip, LOAD_PAGE))
            .await?;
        // An empty page ends the loop even if a server kept sending a next link.
        let done = page.next_link.is_none() || page.value.is_empty();
        rows.extend(page.value);
        if done {
            return Ok(rows);
        }
    }
}

/// The rows to render for a scroll position: those in the viewport plus `overscan` on each
/// side. `scroll_top` is measured from the top of the first row.
pub fn visible_rows(
    scroll_top: f64,
    viewport: f64,
    row_height: f64,
    row_count: usize,
    overscan: usize,
) -> Range<usize> {
    if row_count == 0 || row_height <= 0.0 {
        return 0..0;
    }
    // Float to index: clamped to [0, row_count], so the casts cannot wrap.
    let first = (scroll_top.max(0.0) / row_height)
        .floor()
        .min(row_count as f64) as usize;
    let shown = (viewport.max(0.0) / row_height).ceil() as usize + 1;
    let start = first.saturating_sub(overscan);
    let end = first
        .saturating_add(shown)
        .saturating_add(overscan)
        .min(row_count);
    start.min(end)..end
}

/// The scroll position that shows row `index` whole in a viewport of `viewport` pixels (below
/// a sticky header of `header` pixels), moving as little as possible.
pub fn scroll_to_show(
    index: usize,
    scroll_top: f64,
    viewport: f64,
    header: f64,
    row_height: f64,
) -> f64 {
    let top = index as f64 * row_height;
    let room = (viewport - header).max(row_height);
    if top < scroll_top {
        top
    } else if top + row_height > scroll_top + room {
        top + row_height - room
    } else {
        scroll_top
    }
}

/// Days from `today` to the expiry date (negative once expired).
pub fn days_left(row: &PortfolioRow, today: NaiveDate) -> i64 {
    (row.reservation.properties.expiry_date - today).num_days()
}

/// The CSV file of `rows`: UTF-8 with a byte-order mark (so Excel reads Korean names), a header
/// row of `headers` (the grid's column labels in the UI language, then days left and the
/// reservation id), RFC 4180
/// quoting. Values are the API's own (ISO dates, enumeration names) so a spreadsheet can sort
/// and filter them.
pub fn csv_bytes(
    rows: &[PortfolioRow],
    headers: &[String],
    today: NaiveDate,
) -> Result<Vec<u8>, csv::Error> {
    let records = rows.iter().map(|row| {
        let r = &row.reservation;
        let p = &r.properties;
        let average = |days| {
            p.utilization
                .as_ref()
                .and_then(|u| u.average(days))
                .map(|v| v.to_string())
                .unwrap_or_default()
        };
        [
            row.company_name.clone(),
            p.display_name.clone(),
            p.reserved_resource_type.as_str().to_string(),
            r.sku.name.clone(),
            r.location.clone(),
            p.quantity.to_string(),
            p.term.as_str().to_string(),
            p.billing_plan.as_str().to_string(),
            format!("{:?}", p.applied_scope_type),
            p.expiry_date.to_string(),
            average(7),
            average(30),
            p.renew.to_string(),
            plain_money(row.refund_headroom),
            p.provisioning_state.as_str().to_string(),
            days_left(row, today).to_string(),
            r.id.clone(),
        ]
    });
    csv_export::document(headers, records)
}

/// The export's file name: `portfolio-2026-11-28.csv`.
pub fn csv_file_name(today: NaiveDate) -> String {
    format!("portfolio-{today}.{}", "csv")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::api::{
        AppliedScopeType, BillingPlan, Reservation, ReservationProperties, Sku, Term,
    };
    use rust_decimal_macros::dec;
    use std::collections::HashMap;

    fn state(query: &str) -> ListState {
        let map: HashMap<String, String> = form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect();
        ListState::from_query(|k| map.get(k).cloned(), &FILTERS)
    }

    #[test]
    fn reads_the_filters_from_the_url() {
        let q = to_api_query(
            &state("q=%20sql%20&customer=c1&family=VirtualMachines&region=koreacentral&status=Succeeded&expiring=60&below=40.5&renew=off&sort=headroom&order=desc"),
            0,
            LOAD_PAGE,
        );
        assert_eq!(q.search.as_deref(), Some("sql"));
        assert_eq!(q.customer.as_deref(), Some("c1"));
        assert_eq!(q.family, Some(Family::VirtualMachines));
        assert_eq!(q.region.as_deref(), Some("koreacentral"));
        assert_eq!(q.status, Some(ProvisioningState::Succeeded));
        assert_eq!(q.expiring_within_days, Some(60));
        assert_eq!(q.utilization_below, Some(dec!(40.5)));
        assert_eq!(q.auto_renew, Some(false));
        assert_eq!(q.sort, PortfolioSort::RefundHeadroom);
        assert_eq!(q.top, 1000);
        let broken = to_api_query(
            &state("status=Bogus&expiring=soon&below=-3&renew=maybe"),
            0,
            10,
        );
        assert_eq!(
            broken,
            PortfolioQuery {
                top: 10,
                ..PortfolioQuery::default()
            }
        );
    }

    #[test]
    fn windows_the_rows_in_view() {
        assert_eq!(visible_rows(0.0, 400.0, 40.0, 1000, 5), 0..16);
        assert_eq!(visible_rows(4000.0, 400.0, 40.0, 1000, 5), 95..116);
        assert_eq!(visible_rows(39_990.0, 400.0, 40.0, 1000, 5), 994..1000);
        assert_eq!(visible_rows(1e9, 400.0, 40.0, 1000, 5), 995..1000);
        assert_eq!(visible_rows(-50.0, 400.0, 40.0, 3, 5), 0..3);
        assert_eq!(visible_rows(0.0, 400.0, 40.0, 0, 5), 0..0);
    }

    #[test]
    fn scrolls_a_focused_row_into_view() {
        // Already shown: no move.
        assert_eq!(scroll_to_show(3, 0.0, 440.0, 40.0, 40.0), 0.0);
        // Below the viewport: its bottom meets the viewport's.
        assert_eq!(scroll_to_show(10, 0.0, 440.0, 40.0, 40.0), 40.0);
        // Above: its top meets the top.
        assert_eq!(scroll_to_show(2, 400.0, 440.0, 40.0, 40.0), 80.0);
    }

    /// A row for tests (also used by `crate::renewal`'s).
    pub(crate) fn row(company: &str, name: &str, headroom: Decimal) -> PortfolioRow {
        PortfolioRow {
            customer_id: "c".into(),
            company_name: company.into(),
            refund_headroom: headroom,
            reservation: Reservation {
                id: "/providers/Microsoft.Capacity/reservationOrders/o/reservations/r".into(),
                name: "o/r".into(),
                resource_type: "t".into(),
                etag: 1,
                location: "koreacentral".into(),
                sku: Sku {
                    name: "Standard_D4s_v5".into(),
                },
                properties: ReservationProperties {
                    display_name: name.into(),
                    reserved_resource_type: Family::VirtualMachines,
                    applied_scope_type: AppliedScopeType::Shared,
                    applied_scopes: vec![],
                    applied_scope_properties: None,
                    instance_flexibility: None,
                    renew: false,
                    billing_plan: BillingPlan::Upfront,
                    term: Term::P1Y,
                    quantity: 3,
                    provisioning_state: ProvisioningState::Succeeded,
                    purchase_date: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
                    expiry_date: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap_or_default(),
                    billing_scope_id: "/subscriptions/s".into(),
                    unit_price: dec!(100),
                    current_unit_price: None,
                    currency_code: "USD".into(),
                    final_exchange_used: false,
                    utilization: None,
                    last_updated_date_time: None,
                },
            },
        }
    }

    #[test]
    fn writes_csv_with_a_bom_quoting_and_two_place_money() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap_or_default();
        let rows = [
            row("콘토소, \"코리아\"", "vm\nprod", dec!(41000)),
            row("Fabrikam", "plain", dec!(12.345)),
        ];
        // The grid's columns, days left and the id.
        let headers: Vec<String> = (0..COLUMNS.len() + 2).map(|i| format!("h{i}")).collect();
        let bytes = csv_bytes(&rows, &headers, today).unwrap_or_default();
        assert!(bytes.starts_with("\u{feff}".as_bytes()));
        let text = String::from_utf8(bytes).unwrap_or_default();
        let mut lines = text.trim_start_matches('\u{feff}').split("\r\n");
        assert_eq!(lines.next(), Some(headers.join(",").as_str()));
        // A comma, quotes and a line break inside a field: quoted, quotes doubled.
        assert!(lines
            .next()
            .is_some_and(|l| l.starts_with("\"콘토소, \"\"코리아\"\"\",\"vm\nprod\",")));
        assert!(text.contains(",,,false,41000.00,Succeeded,34,/providers/"));
        assert!(text.contains(",,,false,12.35,Succeeded,34,"));
        assert!(text.contains("Fabrikam,plain,VirtualMachines,Standard_D4s_v5,koreacentral,3,P1Y,Upfront,Shared,2027-01-01,"));
        assert_eq!(csv_file_name(today), "portfolio-2026-11-28.csv");
    }

    #[test]
    fn loads_every_matching_row_from_the_mock() {
        use reservation_mock::{InProcessTransport, MemoryStorage, MockBackend};
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap_or_default();
        let backend = MockBackend::load(Box::new(MemoryStorage::new()), today);
        let client = Client::new(InProcessTransport::new(backend, today));
        let st = state("family=VirtualMachines&sort=customer");
        let rows = pollster::block_on(load_all(&client, &st)).unwrap_or_default();
        let first = pollster::block_on(client.list_portfolio(&to_api_query(&st, 0, 1)))
            .map(|p| p.total_count)
            .unwrap_or_default();
        assert!(!rows.is_empty());
        assert_eq!(rows.len() as u64, first);
        assert!(rows
            .iter()
            .all(|r| r.reservation.properties.reserved_resource_type == Family::VirtualMachines));
        assert!(rows
            .windows(2)
            .all(|w| w[0].company_name.to_lowercase() <= w[1].company_name.to_lowercase()));
    }
}
