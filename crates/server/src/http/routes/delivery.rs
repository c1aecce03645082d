//! `/api/provisioning/deliveries…`: the webhook events of the organization, as the
//! portal's backend sees them, and sending one again.

use axum::{
    Json,
    extract::{
        Path, Query, State,
        rejection::{PathRejection, QueryRejection},
    },
    http::StatusCode,
};
use customer_import_domain::wire::ApiError;
use serde::{Deserialize, Deserializer};

use crate::{
    error::AppError,
    http::state::AppState,
    identity::org_keys::OrganizationKey,
    portal::delivery::{self, EventStatus},
};

/// An event's number as the events carry it (`evt_42`), or the bare number (`42`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EventNumber(i64);

impl EventNumber {
    fn parse(text: &str) -> Option<EventNumber> {
        let digits = text.strip_prefix("evt_").unwrap_or(text);
        digits.parse().ok().filter(|n| *n >= 0).map(EventNumber)
    }
}

impl<'de> Deserialize<'de> for EventNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        EventNumber::parse(&text)
            .ok_or_else(|| serde::de::Error::custom("not an event's id (evt_42, or 42)"))
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Page {
    /// Only the events after this one: its id as the events carry it (`evt_42`), or
    /// its number (`42`).
    #[serde(default)]
    #[param(value_type = Option<String>, pattern = "^(evt_)?[0-9]+$")]
    after: EventNumber,
}

/// Events one page lists.
const PAGE: i64 = 100;

#[utoipa::path(
    get,
    path = "/api/provisioning/deliveries",
    security(("organization_key" = [])),
    params(Page),
    responses(
        (status = 200, description = "The organization's events, oldest first, 100 a page", body = Vec<EventStatus>),
        (status = 400, description = "Malformed query", body = ApiError),
        (status = 401, description = "No valid organization key", body = ApiError),
    ),
)]
pub async fn deliveries(
    State(state): State<AppState>,
    key: OrganizationKey,
    page: Result<Query<Page>, QueryRejection>,
) -> Result<Json<Vec<EventStatus>>, AppError> {
    let Query(page) = page.map_err(|_| AppError::BadRequest("provisioning.invalid_query"))?;
    Ok(Json(
        delivery::list(&state.db, key.organization_id, page.after.0, PAGE).await?,
    ))
}

#[utoipa::path(
    post,
    path = "/api/provisioning/deliveries/{id}/redeliver",
    security(("organization_key" = [])),
    params(("id" = String, Path, description = "The event's id as the events carry it (`evt_42`), or its number (`42`)", pattern = "^(evt_)?[0-9]+$")),
    responses(
        (status = 204, description = "The event will be sent again now"),
        (status = 400, description = "Not an event number", body = ApiError),
        (status = 401, description = "No valid organization key", body = ApiError),
        (status = 404, description = "No such event of the organization", body = ApiError),
    ),
)]
pub async fn redeliver(
    State(state): State<AppState>,
    key: OrganizationKey,
    id: Result<Path<EventNumber>, PathRejection>,
) -> Result<StatusCode, AppError> {
    let Path(EventNumber(id)) =
        id.map_err(|_| AppError::BadRequest("provisioning.invalid_event"))?;
    if delivery::redeliver(&state.db, key.organization_id, id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound)
    }
}

#[cfg(test)]
mod tests {
    use super::EventNumber;

    #[test]
    fn an_event_is_named_with_or_without_its_prefix() {
        assert_eq!(EventNumber::parse("evt_42"), Some(EventNumber(42)));
        assert_eq!(EventNumber::parse("42"), Some(EventNumber(42)));
        assert_eq!(EventNumber::parse("evt_"), None);
        assert_eq!(EventNumber::parse("evt_-1"), None);
        assert_eq!(EventNumber::parse("ev_1"), None);
    }
}
