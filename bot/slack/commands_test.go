package slack

import (
	"net/url"
	"testing"
)

func TestParseSlash(t *testing.T) {
	form := url.Values{"token": {"x"}, "team_id": {"T1"}, "user_id": {"U1"}, "channel_id": {"C1"},
		"channel_name": {"directmessage"}, "command": {"/jointwork"},
		"text": {"ask can I share? 50% & <@U3|chris> +more"}, "response_url": {"https://hooks.slack.com/commands/T1/1/x"},
		"trigger_id": {"13345224609.738474920.8088930838d88f008e0"}}
	c, err := parseSlash([]byte(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	want := slashCommand{UserID: "U1", ChannelID: "C1", ChannelName: "directmessage", Command: "/jointwork",
		Text: "ask can I share? 50% & <@U3|chris> +more", ResponseURL: "https://hooks.slack.com/commands/T1/1/x",
		TriggerID: "13345224609.738474920.8088930838d88f008e0"}
	if c != want {
		t.Fatalf("got %+v\nwant %+v", c, want)
	}
	// The first value of a repeated field wins, as with url.Values.Get.
	if c, _ := parseSlash([]byte("user_id=U1&user_id=U2&text=a+b")); c.UserID != "U1" || c.Text != "a b" {
		t.Fatalf("repeated field: %+v", c)
	}
	if c, _ := parseSlash([]byte("ssl_check=1&token=x")); c.SSLCheck != "1" {
		t.Fatalf("ssl_check not read: %+v", c)
	}
	if _, err := parseSlash([]byte("text=%zz")); err == nil {
		t.Fatal("a bad escape was accepted")
	}
}
