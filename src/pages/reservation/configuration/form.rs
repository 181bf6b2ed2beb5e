//! The configuration form as plain data: its values, its rules, the update it sends and what a
//! save leads to, so all of it is tested without a browser.

use crate::api::{
    AppliedScopeType, ClientError, InstanceFlexibility, Reservation, ReservationPatch,
    ReservationPatchProperties,
};

pub use crate::scope::ScopeChoice;

/// The form's values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigForm {
    pub display_name: String,
    pub scope: ScopeChoice,
    /// Resource id of the chosen subscription, resource group or management group.
    pub target: String,
    /// `None` where instance size flexibility does not apply (every family but VMs).
    pub flexibility: Option<bool>,
    pub renew: bool,
}

/// Longest display name Azure accepts.
const MAX_NAME: usize = 64;

impl ConfigForm {
    /// The form as the reservation is now.
    pub fn from_reservation(r: &Reservation) -> ConfigForm {
        let p = &r.properties;
        let resource_group = p
            .applied_scope_properties
            .as_ref()
            .is_some_and(|s| s.resource_group_id.is_some());
        let scope = match (p.applied_scope_type, resource_group) {
            (AppliedScopeType::Shared, _) => ScopeChoice::Shared,
            (AppliedScopeType::Single, false) => ScopeChoice::Subscription,
            (AppliedScopeType::Single, true) => ScopeChoice::ResourceGroup,
            (AppliedScopeType::ManagementGroup, _) => ScopeChoice::ManagementGroup,
        };
        ConfigForm {
            display_name: p.display_name.clone(),
            scope,
            target: p.applied_scopes.first().cloned().unwrap_or_default(),
            flexibility: p.instance_flexibility.map(|f| f == InstanceFlexibility::On),
            renew: p.renew,
        }
    }

    /// Problems as (field, message key); empty when the form can be saved.
    pub fn validate(&self) -> Vec<(&'static str, &'static str)> {
        let mut problems = Vec::new();
        let name = self.display_name.trim();
        if name.is_empty() {
            problems.push(("name", "config.error.name_required"));
        } else if name.chars().count() > MAX_NAME {
            problems.push(("name", "config.error.name_too_long"));
        } else if !name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '(' | ')'))
        {
            problems.push(("name", "config.error.name_chars"));
        }
        if self.scope != ScopeChoice::Shared && self.target.is_empty() {
            problems.push(("target", "config.error.target_required"));
        }
        problems
    }

    /// The update that turns `before` into this form: only the fields that changed, so a save
    /// never sends a field the reservation does not have. `None` when nothing changed.
    pub fn patch_from(&self, before: &ConfigForm) -> Option<ReservationPatch> {
        let mut p = ReservationPatchProperties::default();
        let name = self.display_name.trim();
        if name != before.display_name.trim() {
            p.display_name = Some(name.to_string());
        }
        if self.scope != before.scope || self.target != before.target {
            let (scope_type, scopes) = self.scope.applied(&self.target);
            p.applied_scope_type = Some(scope_type);
            p.applied_scopes = Some(scopes);
        }
        if let (Some(now), true) = (self.flexibility, self.flexibility != before.flexibility) {
            p.instance_flexibility = Some(if now {
                InstanceFlexibility::On
            } else {
                InstanceFlexibility::Off
            });
        }
        if self.renew != before.renew {
            p.renew = Some(self.renew);
        }
        (p != ReservationPatchProperties::default()).then_some(ReservationPatch { properties: p })
    }
}

/// What the last save did.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    Idle,
    /// The form has nothing the reservation does not already have.
    Unchanged,
    Saving,
    Saved,
    /// Someone changed it first; their values are now in the form.
    Conflict,
    /// Someone changed it first and their values could not be loaded: the form still holds
    /// what the user typed, and saving again is pointless until a reload succeeds.
    ConflictUnresolved(ClientError),
    Failed(ClientError),
}

impl SaveState {
    /// After a save was refused as a conflict, the reload's result decides what the user sees:
    /// the current reservation to show (with its version), or the reload's error.
    pub fn after_conflict(
        reload: Result<Reservation, ClientError>,
    ) -> (SaveState, Option<Reservation>) {
        match reload {
            Ok(current) => (SaveState::Conflict, Some(current)),
            Err(error) => (SaveState::ConflictUnresolved(error), None),
        }
    }

    /// Whether a save can be started (not while one runs, nor before a failed reload is redone).
    pub fn can_save(&self) -> bool {
        !matches!(self, SaveState::Saving | SaveState::ConflictUnresolved(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ConfigForm {
        ConfigForm {
            display_name: "VM_RI_01".into(),
            scope: ScopeChoice::Subscription,
            target: "/subscriptions/1".into(),
            flexibility: Some(true),
            renew: false,
        }
    }

    #[test]
    fn a_valid_form_has_no_problems() {
        assert!(form().validate().is_empty());
    }

    #[test]
    fn name_and_target_are_required() {
        let f = ConfigForm {
            display_name: "  ".into(),
            target: String::new(),
            ..form()
        };
        assert_eq!(
            f.validate(),
            vec![
                ("name", "config.error.name_required"),
                ("target", "config.error.target_required")
            ]
        );
        let shared = ConfigForm {
            scope: ScopeChoice::Shared,
            target: String::new(),
            ..form()
        };
        assert!(shared.validate().is_empty());
    }

    #[test]
    fn name_length_and_characters() {
        let long = ConfigForm {
            display_name: "x".repeat(65),
            ..form()
        };
        assert_eq!(
            long.validate(),
            vec![("name", "config.error.name_too_long")]
        );
        let odd = ConfigForm {
            display_name: "a/b".into(),
            ..form()
        };
        assert_eq!(odd.validate(), vec![("name", "config.error.name_chars")]);
        let korean = ConfigForm {
            display_name: "예약 1".into(),
            ..form()
        };
        assert!(korean.validate().is_empty());
    }

    #[test]
    fn the_patch_holds_only_what_changed() {
        assert_eq!(form().patch_from(&form()), None);
        let shared = ConfigForm {
            scope: ScopeChoice::Shared,
            target: String::new(),
            ..form()
        };
        let p = shared.patch_from(&form()).unwrap().properties;
        assert_eq!(p.applied_scope_type, Some(AppliedScopeType::Shared));
        assert_eq!(p.applied_scopes, Some(vec![]));
        assert_eq!(
            (p.display_name, p.instance_flexibility, p.renew),
            (None, None, None)
        );

        let mg = ConfigForm {
            scope: ScopeChoice::ManagementGroup,
            target: "/providers/Microsoft.Management/managementGroups/mg".into(),
            flexibility: Some(false),
            ..form()
        };
        let p = mg.patch_from(&form()).unwrap().properties;
        assert_eq!(
            p.applied_scope_type,
            Some(AppliedScopeType::ManagementGroup)
        );
        assert_eq!(p.instance_flexibility, Some(InstanceFlexibility::Off));

        let renamed = ConfigForm {
            display_name: " new name ".into(),
            renew: true,
            ..form()
        };
        let p = renamed.patch_from(&form()).unwrap().properties;
        assert_eq!(p.display_name.as_deref(), Some("new name"));
        assert_eq!(p.renew, Some(true));
        assert_eq!((p.applied_scope_type, p.applied_scopes), (None, None));
    }

    #[test]
    fn flexibility_is_never_sent_where_it_does_not_apply() {
        let sql = ConfigForm {
            flexibility: None,
            ..form()
        };
        let shared = ConfigForm {
            scope: ScopeChoice::Shared,
            target: String::new(),
            ..sql.clone()
        };
        let p = shared.patch_from(&sql).unwrap().properties;
        assert_eq!(p.instance_flexibility, None);
    }

    #[test]
    fn a_failed_reload_after_a_conflict_is_shown_and_blocks_saving() {
        let error = ClientError::from(crate::api::TransportError::Network("offline".into()));
        let (state, current) = SaveState::after_conflict(Err(error.clone()));
        assert_eq!(state, SaveState::ConflictUnresolved(error));
        assert!(current.is_none());
        assert!(!state.can_save());
        assert!(SaveState::Conflict.can_save());
    }

    /// Every product family in the demo data: each change the form can make is accepted by the
    /// backend, and reading the reservation back gives the form that was saved.
    #[test]
    #[cfg(feature = "demo")]
    fn every_family_saves_every_change() {
        use crate::api::{Client, ProvisioningState, ReservationKey};
        use reservation_mock::{InProcessTransport, MockBackend, NullStorage};

        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let transport =
            InProcessTransport::new(MockBackend::load(Box::new(NullStorage), today), today);
        let client = Client::new(transport.clone());
        let mut keys = std::collections::BTreeMap::new();
        for c in &transport.backend().borrow().state().customers {
            for (o, r) in c.reservations() {
                keys.entry(format!("{:?}", r.family))
                    .or_insert_with(Vec::new)
                    .push(ReservationKey::new(&c.id, &o.id, &r.id));
            }
        }
        assert!(keys.len() >= 6, "families in the demo data: {keys:?}");
        for (family, candidates) in keys {
            let (key, r) = candidates
                .iter()
                .map(|k| (k, pollster::block_on(client.get_reservation(k)).unwrap()))
                .find(|(_, r)| r.properties.provisioning_state == ProvisioningState::Succeeded)
                .unwrap_or_else(|| panic!("no active {family} reservation"));
            let subs = pollster::block_on(client.list_subscriptions(&key.customer))
                .unwrap()
                .value;
            let before = ConfigForm::from_reservation(&r);
            assert_eq!(before.flexibility.is_some(), family == "VirtualMachines");
            let mut after = ConfigForm {
                display_name: format!(
                    "{} 2",
                    before.display_name.chars().take(60).collect::<String>()
                ),
                renew: !before.renew,
                flexibility: before.flexibility.map(|f| !f),
                ..before.clone()
            };
            (after.scope, after.target) = if before.scope == ScopeChoice::Shared {
                (ScopeChoice::Subscription, subs[0].id.clone())
            } else {
                (ScopeChoice::Shared, String::new())
            };
            assert!(
                after.validate().is_empty(),
                "{family}: {:?}",
                after.validate()
            );
            let patch = after.patch_from(&before).unwrap();
            let saved = pollster::block_on(client.update_reservation(key, &patch, r.etag))
                .unwrap_or_else(|e| panic!("{family}: {e}"));
            let mut want = after.clone();
            want.display_name = want.display_name.trim().to_string();
            assert_eq!(ConfigForm::from_reservation(&saved), want, "{family}");
        }
    }
}
