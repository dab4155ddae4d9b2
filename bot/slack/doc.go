// Package slack is jointwork's Slack adapter: the HTTP Events API
// (/slack/events, /slack/commands, /slack/interactivity) and Socket Mode in,
// Block Kit out, with slack-go/slack.
//
// Every HTTP request is verified with the signing secret over its raw body
// before anything is parsed, acknowledged at once, and handled by a bounded
// pool of background workers, so Slack's 3-second limit is never at risk.
// The kernel deduplicates by bot.Event.ID: the event_id for events, the
// trigger_id (or a digest of the payload) for slash commands and
// interactions, so Slack's retries never act twice.
//
// Users are directory handles inside the bot; this package maps Slack user
// ids to handles (directory slack_id, else users.info → e-mail → directory)
// and back (slack_id, else users.lookupByEmail), caching both in Redis.
//
// Web API calls retry on 429 (honouring Retry-After) and on transient
// errors with backoff; errors that cannot succeed (not_in_channel,
// restricted_action, channel_not_found, …) come back as *APIError, which
// carries a plain-words bot.UserError for the person who asked.
//
// Messages posted for a journaled reply carry message metadata with the
// reply's opaque key; a reply re-sent after a crash is first looked for in
// the conversation and not posted again when Slack already took it
// (resend.go). Ephemeral messages stay at least once.
//
// Nothing here logs message text: only ids, methods and error codes.
package slack
