//! Signing in and out (issue 27.6): a wrong or expired link gets a screen that says
//! what to do, a second link opened in the same tab takes effect at once, and the app
//! says who is signed in.

use crate::support::{browser, server::TestServer};

/// A second link in the same tab, or a key pasted after a refused link.
#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_link_says_what_to_do_and_a_new_link_or_key_signs_in() {
    let server = TestServer::start().await;
    {
        let wrong = server.app_url("nb", "cit_not-a-token");
        let kari = server.app_url("nb", &server.users.case_handler.token);
        let ada = server.app_url("nb", &server.users.admin.token);
        browser::run_part(
            "a_wrong_link_says_what_to_do_and_a_new_link_in_the_same_tab_signs_in",
            |page| async move {
                page.open(&wrong).await?;
                page.shows("signin-refused", "feil eller utløpt").await?;
                page.wait_for_text("h2", "Innloggingen virket ikke").await?;
                assert!(
                    !page.current_url().await?.contains("token="),
                    "the token leaves the address bar"
                );

                // The right link, opened in the same tab: no reload needed.
                page.open(&kari).await?;
                page.shows("signed-in-as", "Kari Saksbehandler").await?;
                page.wait_for_text("#project", "Fjordparken").await?;

                // Another user's link in the same tab signs that user in.
                page.open(&ada).await?;
                page.shows("signed-in-as", "Ada Admin").await?;
                page.wait_for_text("#project", "Fjordparken").await?;
                Ok(())
            },
        )
        .await;
    }

    {
        let wrong = server.app_url("fi", "cit_expired");
        let token = server.users.case_handler.token.clone();
        browser::run_part(
            "a_token_pasted_after_a_refused_link_signs_in",
            |page| async move {
                page.open(&wrong).await?;
                page.shows("signin-refused", "vanhentunut").await?;
                page.type_into("input[type=password]", &token).await?;
                page.click("button[type=submit]").await?;
                page.shows("signed-in-as", "Kari Saksbehandler").await?;
                page.wait_gone("[data-testid=signin-refused]").await?;
                Ok(())
            },
        )
        .await;
    }
}
