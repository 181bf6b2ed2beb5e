//! History: the reservation order's audit trail, newest first (who did what and when, with the
//! fields before and after and the amounts), paged in the URL.

use std::str::FromStr;

use leptos::prelude::*;
use rust_decimal::Decimal;

use super::use_reservation;
use crate::api::{use_api, AuditEvent, FieldChange};
use crate::components::list::use_url_list;
use crate::components::status::loaded;
use crate::context::{locale, t};
use crate::list_state::PAGE_SIZE;
use crate::routes::{ReservationPage, ReservationRoutes};
use crate::text::i18n::Locale;
use crate::text::{format, labels};

/// The translation key of a changed field's name, for the fields the API records.
pub fn field_key(field: &str) -> Option<&'static str> {
    Some(match field {
        "displayName" => "overview.display_name",
        "appliedScopes" | "appliedScopeType" => "reservations.col.scope",
        "instanceFlexibility" => "history.field.flexibility",
        "renew" => "overview.auto_renew",
        "quantity" => "reservations.col.quantity",
        "reservationId" => "history.field.reservation_id",
        "charge" => "history.field.charge",
        "provisioningState" => "reservations.col.status",
        _ => return None,
    })
}

/// A recorded value as the user reads it: amounts (`charge`, `1234.50 + 10.00`) in the
/// locale's money format, anything else as recorded.
pub fn value_text(field: &str, value: Option<&str>, locale: Locale) -> String {
    let Some(v) = value else {
        return "—".into();
    };
    if field != "charge" {
        return v.to_string();
    }
    let amounts: Option<Vec<String>> = v
        .split(" + ")
        .map(|a| {
            Decimal::from_str(a.trim())
                .ok()
                .map(|d| format::usd(d, locale))
        })
        .collect();
    amounts.map_or_else(|| v.to_string(), |a| a.join(" + "))
}

/// A changed field as the user reads it: its name, the value before and after.
fn change_row(c: FieldChange) -> impl IntoView {
    let name = match field_key(&c.field) {
        Some(key) => t(key)().to_string(),
        None => c.field.clone(),
    };
    let before = {
        let c = c.clone();
        move || value_text(&c.field, c.old_value.as_deref(), locale())
    };
    let after = move || value_text(&c.field, c.new_value.as_deref(), locale());
    view! {
        <li>
            <span class="field-name">{name}</span>": "
            <span class="before">{before}</span>
            " → "
            <span class="after">{after}</span>
        </li>
    }
}

/// One event as a table row.
fn event_row(e: AuditEvent) -> impl IntoView {
    let amount = e.amount.map(|a| format::usd(a, locale()));
    let timestamp = e.timestamp;
    let changes = e.changes;
    view! {
        <tr data-testid="history-event">
            <td>{move || format::date_time(timestamp, locale())}</td>
            <td>{e.actor_name}</td>
            <td><span class="badge">{t(labels::audit_action(e.action))}</span></td>
            <td>
                {e.summary}
                {(!changes.is_empty()).then(|| view! {
                    <ul class="changes">{changes.into_iter().map(change_row).collect_view()}</ul>
                })}
            </td>
            <td class="num">{amount.unwrap_or_default()}</td>
        </tr>
    }
}

/// The History page of one reservation (its order's events).
#[component]
pub fn HistoryPage() -> impl IntoView {
    let ctx = use_reservation();
    let api = use_api();
    let list = use_url_list(move || ctx.key.get().page(ReservationPage::History), &[]);
    let events = LocalResource::new(move || {
        let api = api.client();
        let k = ctx.key.get();
        let skip = list.state.with(|s| s.skip());
        async move {
            api.audit_events(&k.customer, &k.order, skip, PAGE_SIZE)
                .await
        }
    });
    view! {
        <h2>{t("history.title")}</h2>
        <p>{t("history.intro")}</p>
        {loaded(events, move |page| {
            let total = page.total_count;
            view! {
                <div class="table-wrap">
                    <table class="history" aria-describedby="history-pager">
                        <caption class="visually-hidden">{t("history.title")}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t("history.col.time")}</th>
                                <th scope="col">{t("history.col.actor")}</th>
                                <th scope="col">{t("history.col.action")}</th>
                                <th scope="col">{t("history.col.details")}</th>
                                <th scope="col" class="num">{t("history.col.amount")}</th>
                            </tr>
                        </thead>
                        <tbody>{page.value.into_iter().map(event_row).collect_view()}</tbody>
                    </table>
                </div>
                {list.footer("history-pager", total)}
            }
            .into_any()
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_recorded_fields_have_names() {
        for f in [
            "displayName",
            "appliedScopes",
            "instanceFlexibility",
            "renew",
            "quantity",
            "reservationId",
            "charge",
            "provisioningState",
        ] {
            assert!(field_key(f).is_some(), "{f}");
        }
        assert_eq!(field_key("somethingNew"), None);
    }

    #[test]
    fn charges_read_as_money_other_values_as_recorded() {
        assert_eq!(
            value_text("charge", Some("16232.16"), Locale::En),
            "$16,232.16"
        );
        assert_eq!(
            value_text("charge", Some("10821.44 + 5410.72"), Locale::Ko),
            "US$10,821.44 + US$5,410.72"
        );
        assert_eq!(value_text("quantity", Some("4 + 2"), Locale::En), "4 + 2");
        assert_eq!(value_text("charge", Some("n/a"), Locale::En), "n/a");
        assert_eq!(value_text("renew", None, Locale::En), "—");
    }
}
