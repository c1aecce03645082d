//! The conversation with the portal that embeds the wizard: provisioning (projects,
//! users, groups, units pushed to us), pulling customers and removals in change order,
//! the organization's change numbers, and webhook delivery.

pub mod delivery;
pub mod provisioning;
pub mod pull;
pub mod sequence;
