//! The Portfolio page's logic as plain functions, tested natively: the URL's filters as an API
//! query, which rows of the virtualized grid are in view and which blocks of them to load, the
//! expiry window, the charts' bars and the filters they set, and the CSV export.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::api::{
    parse_month, Client, ClientError, Family, PortfolioQuery, PortfolioRow, PortfolioSort,
    ProvisioningState, Transport, UtilizationBucket,
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

/// The URL's filter keys (`u30min`/`u30max`: a bar of the utilization chart; `month`: a bar of
/// the expiry charts, `YYYY-MM`).
pub const FILTERS: [&str; 10] = [
    "customer", "family", "region", "status", "expiring", "below", "renew", "u30min", "u30max",
    "month",
];

/// The expiry windows the filter offers, in days; any other number is a custom window.
pub const EXPIRY_WINDOWS: [u32; 3] = [30, 60, 90];
/// The longest custom expiry window, in days (ten years).
pub const MAX_EXPIRY_WINDOW: u32 = 3650;
/// The value of `expiring` while a custom window is chosen but no number given yet.
pub const CUSTOM_WINDOW: &str = "custom";

/// The expiry filter as the page shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExpiryWindow {
    /// No expiry filter.
    Any,
    /// One of [`EXPIRY_WINDOWS`].
    Preset(u32),
    /// Another number of days, or none yet.
    Custom(Option<u32>),
}

impl ExpiryWindow {
    /// The window the URL's `expiring` value chooses.
    pub fn of(state: &ListState) -> ExpiryWindow {
        match state.filter("expiring") {
            None => ExpiryWindow::Any,
            Some(v) => match v.parse::<u32>() {
                Ok(d) if EXPIRY_WINDOWS.contains(&d) => ExpiryWindow::Preset(d),
                Ok(d) => ExpiryWindow::Custom(Some(d)),
                Err(_) => ExpiryWindow::Custom(None),
            },
        }
    }

    /// The select's value: `""`, `"30"`…, or [`CUSTOM_WINDOW`].
    pub fn choice(self) -> String {
        match self {
            ExpiryWindow::Any => String::new(),
            ExpiryWindow::Preset(d) => d.to_string(),
            ExpiryWindow::Custom(_) => CUSTOM_WINDOW.to_string(),
        }
    }
}

/// Reads a custom window typed by the user: whole days from 1 to [`MAX_EXPIRY_WINDOW`].
pub fn parse_window(text: &str) -> Option<u32> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|d| (1..=MAX_EXPIRY_WINDOW).contains(d))
}

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
        utilization30_min: percent_filter(state, "u30min"),
        utilization30_max: percent_filter(state, "u30max"),
        expiry_month: state.filter("month").and_then(parse_month),
        sort: state.sort_by(&COLUMNS, PortfolioSort::ExpiryDate),
        order: state.order(),
        skip,
        top,
    }
}

/// A percentage filter of the URL: a number not below zero, else none.
fn percent_filter(state: &ListState, key: &str) -> Option<Decimal> {
    state
        .filter(key)
        .and_then(|b| b.trim().parse::<Decimal>().ok())
        .filter(|b| *b >= Decimal::ZERO)
}

/// Rows per request of the grid, which loads the blocks of rows in view only.
pub const BLOCK: usize = 50;

/// The rows of one view loaded so far, by block of [`BLOCK`] rows, and how many there are.
#[derive(Clone, Debug, Default)]
pub struct RowBlocks {
    total: usize,
    blocks: HashMap<usize, Arc<Vec<PortfolioRow>>>,
}

impl RowBlocks {
    /// A view of `total` rows, of which the first block is `first`.
    pub fn new(total: usize, first: Vec<PortfolioRow>) -> RowBlocks {
        let mut blocks = RowBlocks {
            total,
            blocks: HashMap::new(),
        };
        blocks.insert(0, first);
        blocks
    }

    /// How many rows the view has.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Row `index` of the view, when its block is loaded.
    pub fn row(&self, index: usize) -> Option<&PortfolioRow> {
        self.blocks
            .get(&(index / BLOCK))
            .and_then(|b| b.get(index % BLOCK))
    }

    /// Stores block `block`.
    pub fn insert(&mut self, block: usize, rows: Vec<PortfolioRow>) {
        self.blocks.insert(block, Arc::new(rows));
    }

    /// The blocks covering `rows` that are not loaded.
    pub fn missing(&self, rows: Range<usize>) -> Vec<usize> {
        if rows.is_empty() {
            return Vec::new();
        }
        let end = rows.end.min(self.total);
        (rows.start / BLOCK..end.div_ceil(BLOCK))
            .filter(|b| !self.blocks.contains_key(b))
            .collect()
    }

    /// Every loaded row.
    pub fn loaded(&self) -> impl Iterator<Item = &PortfolioRow> {
        self.blocks.values().flat_map(|b| b.iter())
    }
}

/// The API query of block `block` of the view.
pub fn block_query(state: &ListState, block: usize) -> PortfolioQuery {
    let skip = u32::try_from(block * BLOCK).unwrap_or(u32::MAX);
    to_api_query(state, skip, BLOCK as u32)
}

/// Bar heights in percent of the chart's height: each value relative to the largest (all zero
/// when every value is zero), to two places.
pub fn bar_heights(values: &[Decimal]) -> Vec<Decimal> {
    let max = values.iter().copied().max().unwrap_or_default();
    values
        .iter()
        .map(|v| {
            if max <= Decimal::ZERO {
                Decimal::ZERO
            } else {
                (v.max(&Decimal::ZERO) * Decimal::ONE_HUNDRED / max).round_dp(2)
            }
        })
        .collect()
}

/// The URL filters a bar of the utilization chart sets: its bounds.
pub fn utilization_filters(bar: &UtilizationBucket) -> [(&'static str, String); 2] {
    [
        ("u30min", bar.min.normalize().to_string()),
        (
            "u30max",
            bar.max
                .map(|m| m.normalize().to_string())
                .unwrap_or_default(),
        ),
    ]
}

/// Whether the URL filters on exactly this bar of the utilization chart.
pub fn utilization_selected(state: &ListState, bar: &UtilizationBucket) -> bool {
    let [(_, min), (_, max)] = utilization_filters(bar);
    state.filter("u30min") == Some(min.as_str()) && state.filter("u30max").unwrap_or("") == max
}

/// The state after activating a bar of the utilization chart: filtered on it, or, when it is
/// the filter already, not filtered on utilization any more.
pub fn toggle_utilization(state: &ListState, bar: &UtilizationBucket) -> ListState {
    let selected = utilization_selected(state, bar);
    utilization_filters(bar)
        .into_iter()
        .fold(state.clone(), |s, (key, value)| {
            s.with_filter(key, if selected { "" } else { &value })
        })
}

/// The state after activating a month of the expiry charts: filtered on it, or unfiltered when
/// it was the filter already.
pub fn toggle_month(state: &ListState, month: &str) -> ListState {
    let selected = state.filter("month") == Some(month);
    state.with_filter("month", if selected { "" } else { month })
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
        let bars = to_api_query(&state("u30min=40&u30max=50&month=2027-03"), 0, 10);
        assert_eq!(bars.utilization30_min, Some(dec!(40)));
        assert_eq!(bars.utilization30_max, Some(dec!(50)));
        assert_eq!(bars.expiry_month, NaiveDate::from_ymd_opt(2027, 3, 1));
        assert_eq!(q.top, 1000);
        let broken = to_api_query(
            &state(
                "status=Bogus&expiring=soon&below=-3&renew=maybe&u30min=x&u30max=-1&month=2027-13",
            ),
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
    fn reads_the_expiry_window() {
        assert_eq!(ExpiryWindow::of(&state("")), ExpiryWindow::Any);
        assert_eq!(
            ExpiryWindow::of(&state("expiring=60")),
            ExpiryWindow::Preset(60)
        );
        assert_eq!(
            ExpiryWindow::of(&state("expiring=45")),
            ExpiryWindow::Custom(Some(45))
        );
        assert_eq!(
            ExpiryWindow::of(&state("expiring=custom")),
            ExpiryWindow::Custom(None)
        );
        assert_eq!(ExpiryWindow::Custom(Some(45)).choice(), "custom");
        assert_eq!(ExpiryWindow::Preset(30).choice(), "30");
        assert_eq!(ExpiryWindow::Any.choice(), "");
        assert_eq!(parse_window(" 45 "), Some(45));
        assert_eq!(parse_window("3650"), Some(3650));
        for bad in ["0", "3651", "-5", "4.5", "soon", ""] {
            assert_eq!(parse_window(bad), None, "{bad}");
        }
        assert_eq!(
            to_api_query(&state("expiring=45"), 0, 1).expiring_within_days,
            Some(45)
        );
        assert_eq!(
            to_api_query(&state("expiring=custom"), 0, 1).expiring_within_days,
            None
        );
    }

    #[test]
    fn loads_the_blocks_in_view_once() {
        let r = row("A", "a", dec!(1));
        let mut blocks = RowBlocks::new(5 * BLOCK, vec![r.clone(); BLOCK]);
        assert_eq!(blocks.total(), 5 * BLOCK);
        assert!(blocks.row(BLOCK - 1).is_some());
        assert!(blocks.row(BLOCK).is_none());
        assert_eq!(blocks.missing(BLOCK - 10..BLOCK + 10), vec![1]);
        assert_eq!(blocks.missing(0..5 * BLOCK), vec![1, 2, 3, 4]);
        assert_eq!(blocks.missing(0..10_000), vec![1, 2, 3, 4]);
        assert_eq!(blocks.missing(5..5), Vec::<usize>::new());
        blocks.insert(4, vec![r; BLOCK]);
        assert!(blocks.row(5 * BLOCK - 1).is_some());
        assert!(blocks.row(5 * BLOCK).is_none());
        assert_eq!(blocks.missing(0..5 * BLOCK), vec![1, 2, 3]);
        assert_eq!(blocks.loaded().count(), 2 * BLOCK);
        let q = block_query(&state("family=AVS"), 2);
        assert_eq!(
            (q.skip, q.top, q.family),
            (2 * BLOCK as u32, BLOCK as u32, Some(Family::Avs))
        );
    }

    #[test]
    fn scales_bars_to_the_largest() {
        assert_eq!(
            bar_heights(&[dec!(0), dec!(5), dec!(20), dec!(3)]),
            vec![dec!(0), dec!(25), dec!(100), dec!(15)]
        );
        assert_eq!(
            bar_heights(&[dec!(1), dec!(3)]),
            vec![dec!(33.33), dec!(100)]
        );
        assert_eq!(bar_heights(&[dec!(0), dec!(0)]), vec![dec!(0), dec!(0)]);
        assert_eq!(bar_heights(&[]), Vec::<Decimal>::new());
    }

    #[test]
    fn a_bar_filters_the_grid_and_a_second_press_clears_it() {
        let bar = UtilizationBucket {
            min: dec!(40),
            max: Some(dec!(50)),
            count: 3,
        };
        let last = UtilizationBucket {
            min: dec!(90),
            max: None,
            count: 1,
        };
        let s = state("family=AVS");
        let on = toggle_utilization(&s, &bar);
        assert_eq!(on.to_query(), "?family=AVS&u30min=40&u30max=50");
        assert!(utilization_selected(&on, &bar));
        assert!(!utilization_selected(&on, &last));
        let q = to_api_query(&on, 0, 1);
        assert_eq!(
            (q.utilization30_min, q.utilization30_max),
            (Some(dec!(40)), Some(dec!(50)))
        );
        let other = toggle_utilization(&on, &last);
        assert_eq!(other.to_query(), "?family=AVS&u30min=90");
        assert_eq!(toggle_utilization(&on, &bar).to_query(), "?family=AVS");
        let m = toggle_month(&s, "2027-03");
        assert_eq!(m.to_query(), "?family=AVS&month=2027-03");
        assert_eq!(
            toggle_month(&m, "2027-04").to_query(),
            "?family=AVS&month=2027-04"
        );
        assert_eq!(toggle_month(&m, "2027-03").to_query(), "?family=AVS");
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
