//! `ballast-vault`: deposits and shares, and the order pipeline that sizes, scales or rejects every
//! order before it reaches the perp market.

pub mod brake;
pub mod codec;
pub mod contract;
pub mod error;
pub mod execute;
pub mod idle;
pub mod inputs;
pub mod margin;
pub mod marks;
pub mod migrations;
pub mod pipeline;
pub mod pull;
pub mod query;
pub mod share_token;
pub mod state;
pub mod valuation;
pub mod venue;
pub mod wire;

/// The custom message the vault's responses may carry: Injective's exchange messages when built with
/// the `injective` feature (for Injective chains), none otherwise.
#[cfg(feature = "injective")]
pub type VenueCustom = ballast_types::venue::injective::InjectiveMsgWrapper;
/// The custom message the vault's responses may carry: none in this build (see the `injective` feature).
#[cfg(not(feature = "injective"))]
pub type VenueCustom = cosmwasm_std::Empty;
/// A response of the vault's execute, instantiate, reply and migrate entry points.
pub type VaultResponse = cosmwasm_std::Response<VenueCustom>;

/// A gas checkpoint for `tools/gas-bench --probe`: with the `gas-probe` feature it reports `label`
/// through `Api::debug`, whose handler in cosmwasm-vm sees the gas left; without it, nothing.
#[inline(always)]
pub fn probe(api: &dyn cosmwasm_std::Api, label: &str) {
    #[cfg(feature = "gas-probe")]
    api.debug(label);
    #[cfg(not(feature = "gas-probe"))]
    let _ = (api, label);
}

/// A free-list allocator instead of std's dlmalloc: 8 KB less wasm (the size bar every artifact
/// must stay under), and an execution here makes few, short-lived allocations.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };
