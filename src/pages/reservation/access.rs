//! Access control (IAM): who may see or manage the reservation, adding and removing role
//! assignments, and a "check access" view of what one principal may do.

use leptos::prelude::*;

use super::use_reservation;
use crate::api::{use_api, ClientError, NewRoleAssignment, Permissions, PrincipalType, Role};
use crate::components::status::{describe, ErrorNotice, Loading};
use crate::context::{t, tr, tw};
use crate::text::labels;

const PRINCIPAL_TYPES: [(PrincipalType, &str); 3] = [
    (PrincipalType::User, "iam.type.user"),
    (PrincipalType::Group, "iam.type.group"),
    (
        PrincipalType::ServicePrincipal,
        "iam.type.service_principal",
    ),
];

fn principal_type_label(kind: PrincipalType) -> &'static str {
    PRINCIPAL_TYPES
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or("common.unknown", |(_, label)| label)
}

/// Role assignments of the reservation.
#[component]
pub fn AccessPage() -> impl IntoView {
    let ctx = use_reservation();
    let api = use_api();
    let assignments = LocalResource::new(move || {
        let api = api.client();
        let key = ctx.key.get();
        async move { api.list_role_assignments(&key).await }
    });
    let may_assign = move || ctx.may(|p| p.can_assign_roles) == Some(true);
    let principal = RwSignal::new(String::new());
    let kind = RwSignal::new(PrincipalType::User);
    let role = RwSignal::new(Role::Reader);
    let submitted = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ClientError>);
    let checked = RwSignal::new(String::new());
    let principal_missing = move || principal.with(|p| p.trim().is_empty());

    let add = {
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            submitted.set(true);
            if principal_missing() || !may_assign() {
                return;
            }
            let api = api.client();
            let key = ctx.key.get_untracked();
            let new = NewRoleAssignment {
                principal_id: None,
                principal_name: principal.get_untracked().trim().to_string(),
                principal_type: kind.get_untracked(),
                role: role.get_untracked(),
            };
            busy.set(true);
            failure.set(None);
            leptos::task::spawn_local(async move {
                match api.add_role_assignment(&key, &new).await {
                    Ok(_) => {
                        principal.set(String::new());
                        submitted.set(false);
                        assignments.refetch();
                    }
                    Err(error) => failure.set(Some(error)),
                }
                busy.set(false);
            });
        }
    };
    let remove = move |id: String| {
        let api = api.client();
        let key = ctx.key.get_untracked();
        busy.set(true);
        failure.set(None);
        leptos::task::spawn_local(async move {
            match api.remove_role_assignment(&key, &id).await {
                Ok(_) => assignments.refetch(),
                Err(error) => failure.set(Some(error)),
            }
            busy.set(false);
        });
    };

    view! {
        <h2>{t("reservation.access")}</h2>
        <Show when=move || ctx.permissions.get().is_some() && !may_assign()>
            <p class="notice warn" id="iam-readonly-why">{t("iam.read_only")}</p>
        </Show>
        {move || failure.get().map(|e| view! { <p class="notice error" role="alert">{move || describe(&e)}</p> })}
        {move || match assignments.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error=error on_retry=move || assignments.refetch() /> }.into_any(),
            Some(Ok(page)) => {
                let rows = page.value.clone();
                let principals: Vec<String> = {
                    let mut names: Vec<String> = rows.iter().map(|a| a.principal_name.clone()).collect();
                    names.sort();
                    names.dedup();
                    names
                };
                let check_rows = rows.clone();
                view! {
                    <table>
                        <thead>
                            <tr>
                                <th scope="col">{t("iam.principal")}</th>
                                <th scope="col">{t("iam.type")}</th>
                                <th scope="col">{t("iam.role")}</th>
                                <th scope="col">{t("reservations.actions")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows
                                .into_iter()
                                .map(|a| {
                                    let id = a.name.clone();
                                    let who = a.principal_name.clone();
                                    let role_key = labels::role(a.role);
                                    let label = move || {
                                        tw("iam.remove_named", &[("name", &who), ("role", &tr(role_key))])
                                    };
                                    view! {
                                        <tr>
                                            <th scope="row">{a.principal_name.clone()}</th>
                                            <td>{t(principal_type_label(a.principal_type))}</td>
                                            <td>{t(role_key)}</td>
                                            <td>
                                                <button
                                                    type="button"
                                                    aria-label=label
                                                    disabled=move || !may_assign() || busy.get()
                                                    on:click=move |_| remove(id.clone())
                                                >
                                                    {t("iam.remove")}
                                                </button>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                    <section class="card" aria-labelledby="check-heading">
                        <h3 id="check-heading">{t("iam.check_access")}</h3>
                        <label class="field">
                            {t("iam.principal")}
                            <select on:change=move |ev| checked.set(event_target_value(&ev))>
                                <option value="">{t("config.choose")}</option>
                                {principals
                                    .into_iter()
                                    .map(|p| view! { <option value=p.clone()>{p.clone()}</option> })
                                    .collect_view()}
                            </select>
                        </label>
                        {move || {
                            let who = checked.get();
                            (!who.is_empty())
                                .then(|| {
                                    let roles: Vec<Role> = check_rows
                                        .iter()
                                        .filter(|a| a.principal_name == who)
                                        .map(|a| a.role)
                                        .collect();
                                    let p = Permissions::from_roles(&who, roles);
                                    let yes_no = |allowed: bool| if allowed { tr("common.yes") } else { tr("common.no") };
                                    view! {
                                        <dl class="facts" aria-live="polite">
                                            <dt>{t("iam.can_read")}</dt>
                                            <dd>{yes_no(p.can_read)}</dd>
                                            <dt>{t("iam.can_manage")}</dt>
                                            <dd>{yes_no(p.can_manage)}</dd>
                                            <dt>{t("iam.can_return")}</dt>
                                            <dd>{yes_no(p.can_return)}</dd>
                                            <dt>{t("iam.can_assign")}</dt>
                                            <dd>{yes_no(p.can_assign_roles)}</dd>
                                        </dl>
                                    }
                                })
                        }}
                    </section>
                }
                    .into_any()
            }
        }}
        <form class="card" on:submit=add novalidate aria-labelledby="add-heading">
            <h3 id="add-heading">{t("iam.add")}</h3>
            <div class="toolbar">
                <label class="field">
                    {t("iam.principal")}
                    <input
                        type="text"
                        required
                        prop:value=move || principal.get()
                        on:input=move |ev| principal.set(event_target_value(&ev))
                        disabled=move || !may_assign()
                        aria-invalid=move || (submitted.get() && principal_missing()).to_string()
                        aria-describedby="principal-error"
                    />
                    <Show when=move || submitted.get() && principal_missing()>
                        <span class="field-error" id="principal-error">{t("iam.error.principal_required")}</span>
                    </Show>
                </label>
                <label class="field">
                    {t("iam.type")}
                    <select
                        disabled=move || !may_assign()
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            if let Some((k, _)) = PRINCIPAL_TYPES.iter().find(|(_, l)| *l == value) {
                                kind.set(*k);
                            }
                        }
                    >
                        {PRINCIPAL_TYPES
                            .iter()
                            .map(|(k, label)| {
                                let k = *k;
                                view! { <option value=*label selected=move || kind.get() == k>{t(label)}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label class="field">
                    {t("iam.role")}
                    <select
                        disabled=move || !may_assign()
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            if let Some(r) = Role::ALL.into_iter().find(|r| labels::role(*r) == value) {
                                role.set(r);
                            }
                        }
                    >
                        {Role::ALL
                            .into_iter()
                            .map(|r| {
                                view! {
                                    <option value=labels::role(r) selected=move || role.get() == r>
                                        {t(labels::role(r))}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <button type="submit" class="primary" disabled=move || !may_assign() || busy.get()>
                    {t("iam.add_button")}
                </button>
            </div>
        </form>
    }
}
