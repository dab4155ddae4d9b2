package slack

// history answers conversations.history from what this fake took
// (slackhistory.Log).
func (f *fakeSlack) history(a map[string]string) any {
	if bad := f.postable(a["channel"]); bad != nil {
		return bad
	}
	return ok(f.posted.History(arg(a)))
}

// replies answers conversations.replies likewise.
func (f *fakeSlack) replies(a map[string]string) any {
	if bad := f.postable(a["channel"]); bad != nil {
		return bad
	}
	return ok(f.posted.Replies(arg(a)))
}

// arg reads one argument of a call, as url.Values.Get does.
func arg(a map[string]string) func(string) string {
	return func(k string) string { return a[k] }
}
