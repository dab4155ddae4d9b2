package bot

import (
	"context"
	"errors"
)

// Platform is what handlers need from a chat platform: sending and case
// channels. Users are named by directory handle; the adapter maps them to
// its own ids.
type Platform interface {
	Sender
	Channels
}

// Sender is what sending a message needs: the platform's name, user
// mapping, send and update.
type Sender interface {
	// Name is "console", "slack" or "teams".
	Name() string
	// UserHandle maps a platform user id to a directory handle, or returns
	// ErrUnknownUser.
	UserHandle(ctx context.Context, userID string) (string, error)
	// Send posts a message: in a channel, in a thread, as a DM or as an
	// ephemeral message, as its Target says (never Reply: the bot resolves it).
	Send(ctx context.Context, m Message) (Ref, error)
	// Update replaces a posted message (the case card).
	Update(ctx context.Context, ref Ref, m Message) error
}

// Channels is what case channels need: create, invite, remove, archive
// and pin.
type Channels interface {
	// CreateChannel creates a private channel, or ErrNameTaken.
	CreateChannel(ctx context.Context, name, topic string) (ChannelInfo, error)
	// Invite adds people to a channel.
	Invite(ctx context.Context, channel string, handles ...string) error
	// Remove takes a person out of a channel.
	Remove(ctx context.Context, channel, handle string) error
	// Archive closes a channel, keeping its history.
	Archive(ctx context.Context, channel string) error
	// Pin pins a posted message in its channel.
	Pin(ctx context.Context, ref Ref) error
	// Members lists the people in a channel (the bot itself left out), for
	// reconciling it with the case's members.
	Members(ctx context.Context, channel string) ([]ChannelMember, error)
}

// ChannelMember is someone in a channel: their platform user id and their
// directory handle ("" when the directory does not know them).
type ChannelMember struct {
	UserID string
	Handle string
}

// ChannelFinder is implemented by platforms that can find a live channel
// the bot made by its name. Case open uses it to archive or adopt a
// channel whose creation a crash interrupted before its id was recorded.
type ChannelFinder interface {
	// FindChannel returns the unarchived channel called name; false when
	// there is none.
	FindChannel(ctx context.Context, name string) (ChannelInfo, bool, error)
}

// Errors adapters return so handlers can react without knowing the platform.
var (
	ErrUnknownUser = errors.New("user not in the directory")
	ErrNameTaken   = errors.New("channel name taken")
)
