package state

import "time"

// Case statuses.
const (
	StatusOpen   = "open"
	StatusClosed = "closed"
)

// Task statuses.
const (
	TaskOpen      = "open"
	TaskDone      = "done"
	TaskCancelled = "cancelled"
)

// Request statuses.
const (
	RequestPending   = "pending"
	RequestAccepted  = "accepted"
	RequestDeclined  = "declined"
	RequestCancelled = "cancelled"
	// RequestWithdrawn: the case's basis no longer admits its recipient.
	RequestWithdrawn = "withdrawn"
)

// Case is the document of one case, stored as JSON under jw:{case:REF}:case.
type Case struct {
	Ref         string            `json:"ref"`
	Subject     string            `json:"subject,omitempty"`
	Title       string            `json:"title,omitempty"`
	Lead        string            `json:"lead"`
	Platform    string            `json:"platform,omitempty"` // console|slack|teams: where the channel lives
	Delegates   []string          `json:"delegates,omitempty"`
	Channel     string            `json:"channel,omitempty"`
	ChannelName string            `json:"channelName,omitempty"`
	Card        string            `json:"card,omitempty"` // card message ref
	Status      string            `json:"status"`         // open|closed
	Level       string            `json:"level,omitempty"`
	Consent     *Consent          `json:"consent,omitempty"`
	Members     map[string]Member `json:"members,omitempty"`
	Delays      []Delay           `json:"delays,omitempty"`
	// Former are people taken off the case (removed members, withdrawn
	// request holders): they may get content-free notices, nothing else.
	Former    []string  `json:"former,omitempty"`
	CreatedAt time.Time `json:"createdAt,omitzero"`
	ClosedAt  time.Time `json:"closedAt,omitzero"`
	Version   int64     `json:"version"`
	// Strangers are people found in the case channel whom the case does not
	// admit and whom the bot could not take out (shown on the card until
	// they are gone): handles, or "someone not in the directory".
	Strangers []string `json:"strangers,omitempty"`
}

// Member is a person admitted to a case channel.
type Member struct {
	Handle  string    `json:"handle"`
	Agency  string    `json:"agency,omitempty"`
	Role    string    `json:"role,omitempty"`
	Reason  string    `json:"reason,omitempty"`
	AddedBy string    `json:"addedBy,omitempty"`
	AddedAt time.Time `json:"addedAt,omitzero"`
}

// Consent is the recorded consent decision of a case.
type Consent struct {
	Decision        string    `json:"decision"`
	Basis           string    `json:"basis,omitempty"`
	Rules           []string  `json:"rules,omitempty"`
	Facts           []string  `json:"facts,omitempty"`
	NextStep        string    `json:"nextStep,omitempty"`
	RecordedBy      string    `json:"recordedBy,omitempty"`
	RecordedAt      time.Time `json:"recordedAt,omitzero"`
	Withdrawn       bool      `json:"withdrawn,omitempty"`
	WithdrawnBy     string    `json:"withdrawnBy,omitempty"`
	WithdrawnReason string    `json:"withdrawnReason,omitempty"`
	WithdrawnAt     time.Time `json:"withdrawnAt,omitzero"`
}

// Delay is a requester's decision about a delayed allocation.
type Delay struct {
	Until       time.Time `json:"until,omitzero"`
	Decision    string    `json:"decision"` // proceed|await
	UrgentNeeds string    `json:"urgentNeeds,omitempty"`
	// Agreed says whether the decision was agreed with the person and any
	// carer: yes | no | not-possible; AgreedWhy explains no or not-possible.
	Agreed    string    `json:"agreed,omitempty"`
	AgreedWhy string    `json:"agreedWhy,omitempty"`
	By        string    `json:"by,omitempty"`
	At        time.Time `json:"at,omitzero"`
}

// Task is a piece of work with an owner and a due date.
type Task struct {
	ID        string    `json:"id"`
	Case      string    `json:"case"`
	Owner     string    `json:"owner"`
	Text      string    `json:"text"`
	Status    string    `json:"status"` // open|done|cancelled
	Thread    string    `json:"thread,omitempty"`
	CreatedBy string    `json:"createdBy,omitempty"`
	Due       time.Time `json:"due,omitzero"`
	CreatedAt time.Time `json:"createdAt,omitzero"`
	DoneAt    time.Time `json:"doneAt,omitzero"`
}

// Open reports whether the task still needs doing.
func (t *Task) Open() bool { return t.Status != TaskDone && t.Status != TaskCancelled }

// Request is a formal request for joint work.
type Request struct {
	ID         string    `json:"id"`
	Case       string    `json:"case"`
	From       string    `json:"from"`
	To         string    `json:"to"`
	Text       string    `json:"text"`
	Status     string    `json:"status"` // pending|accepted|declined|cancelled|withdrawn
	Reasons    string    `json:"reasons,omitempty"`
	Ground     string    `json:"ground,omitempty"` // a decline's ground: duties|functions
	Thread     string    `json:"thread,omitempty"`
	AnsweredBy string    `json:"answeredBy,omitempty"`
	Due        time.Time `json:"due,omitzero"`
	CreatedAt  time.Time `json:"createdAt,omitzero"`
	AnsweredAt time.Time `json:"answeredAt,omitzero"`
}

// Open reports whether the request still waits for an answer.
func (r *Request) Open() bool { return r.Status == "" || r.Status == RequestPending }

// Entry is one event on a case timeline.
type Entry struct {
	ID     string    `json:"id"` // stream id, set by Redis
	At     time.Time `json:"at"`
	Actor  string    `json:"actor,omitempty"`
	Action string    `json:"action"`
	Item   string    `json:"item,omitempty"`
	Detail string    `json:"detail,omitempty"`
	Basis  string    `json:"basis,omitempty"`
}

// Dialog is the progress of a multi-step conversation (the consent questions).
type Dialog struct {
	Kind string            `json:"kind"`
	Case string            `json:"case,omitempty"`
	Step string            `json:"step,omitempty"`
	Data map[string]string `json:"data,omitempty"`
}

// Item is a unit of timed work in the scheduler.
type Item struct {
	ID      string            `json:"id"`
	Kind    string            `json:"kind"`
	Case    string            `json:"case,omitempty"`
	Due     time.Time         `json:"due"`
	Data    map[string]string `json:"data,omitempty"`
	Attempt int               `json:"attempt,omitempty"` // failed attempts so far
}

// Claim is an item taken by one worker, fenced by Token until completed,
// retried, dead-lettered or until its lease expires.
type Claim struct {
	Item
	Token string
	// Until is the lease expiry (on the clock passed to ClaimDue).
	Until time.Time
}

// DeadItem is an item that failed MaxAttempts times.
type DeadItem struct {
	Item  Item      `json:"item"`
	Error string    `json:"error,omitempty"`
	At    time.Time `json:"at"`
}
