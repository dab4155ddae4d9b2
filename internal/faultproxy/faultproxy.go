// Package faultproxy is a loopback TCP proxy for tests that loses the
// traffic around one Redis EXEC on purpose, to test what a client does
// when it cannot know whether its transaction committed.
package faultproxy

import (
	"bytes"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// Fault says what the proxy does to the next EXEC it sees.
type Fault int

const (
	// None forwards everything.
	None Fault = iota
	// DropReply forwards the EXEC, so the server commits, then drops
	// the server's answer and closes the client's connection.
	DropReply
	// DropExec closes both connections instead of forwarding the EXEC,
	// so the server never commits.
	DropExec
	// DropReplyAndRefuse is DropReply, after which the proxy refuses new
	// connections until Allow, as if the server had become unreachable.
	DropReplyAndRefuse
)

// Proxy forwards connections from Addr to a target address.
type Proxy struct {
	Addr   string
	target string
	ln     net.Listener

	mu     sync.Mutex
	fault  Fault
	on     []byte // the command the armed fault waits for (EXEC unless ArmOn)
	fired  int
	refuse bool
	conns  []net.Conn
}

// Allow makes the proxy accept connections again after DropReplyAndRefuse.
func (p *Proxy) Allow() {
	p.mu.Lock()
	p.refuse = false
	p.mu.Unlock()
}

// Start listens on a free loopback port and forwards to target until the
// test ends.
func Start(tb testing.TB, target string) *Proxy {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("faultproxy: listen: %v", err)
	}
	p := &Proxy{Addr: ln.Addr().String(), target: target, ln: ln}
	go p.accept()
	tb.Cleanup(p.Close)
	return p
}

// Arm makes the proxy apply f to the next EXEC (once).
func (p *Proxy) Arm(f Fault) { p.ArmOn(f, "exec") }

// ArmOn makes the proxy apply f to the next command named command (such
// as "evalsha") instead of EXEC (once): what is said of EXEC above holds
// for it, and for every other command sent with it in one write (a
// pipeline).
func (p *Proxy) ArmOn(f Fault, command string) {
	p.mu.Lock()
	p.fault = f
	p.on = []byte("$" + strconv.Itoa(len(command)) + "\r\n" + strings.ToLower(command) + "\r\n")
	p.mu.Unlock()
}

// Fired counts the faults applied so far.
func (p *Proxy) Fired() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.fired
}

// Close stops listening and closes every connection.
func (p *Proxy) Close() {
	_ = p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		_ = c.Close()
	}
	p.conns = nil
}

func (p *Proxy) accept() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		refuse := p.refuse
		p.mu.Unlock()
		if refuse {
			_ = c.Close()
			continue
		}
		s, err := net.Dial("tcp", p.target)
		if err != nil {
			_ = c.Close()
			continue
		}
		p.mu.Lock()
		p.conns = append(p.conns, c, s)
		p.mu.Unlock()
		doomed := make(chan struct{})
		go p.upstream(c, s, doomed)
		go downstream(c, s, doomed)
	}
}

// take returns the armed fault if chunk holds its command, disarming it.
func (p *Proxy) take(chunk []byte) Fault {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.fault == None || !bytes.Contains(bytes.ToLower(chunk), p.on) {
		return None
	}
	f := p.fault
	p.fault = None
	p.fired++
	if f == DropReplyAndRefuse {
		p.refuse = true
		f = DropReply
	}
	return f
}

// upstream copies client → server, applying an armed fault. After a
// DropReply it stops; downstream closes both sides once the server answered.
func (p *Proxy) upstream(c, s net.Conn, doomed chan struct{}) {
	buf := make([]byte, 64<<10)
	for {
		n, err := c.Read(buf)
		if n > 0 {
			switch p.take(buf[:n]) {
			case DropExec:
				_ = c.Close()
				_ = s.Close()
				return
			case DropReply:
				close(doomed)
				_, _ = s.Write(buf[:n])
				return
			}
			if _, werr := s.Write(buf[:n]); werr != nil {
				_ = c.Close()
				return
			}
		}
		if err != nil {
			_ = s.Close()
			return
		}
	}
}

// downstream copies server → client until the connection is doomed: then
// the server's next answer (to the EXEC, so it has committed) is dropped
// and both connections closed.
func downstream(c, s net.Conn, doomed chan struct{}) {
	defer c.Close()
	defer s.Close()
	buf := make([]byte, 64<<10)
	for {
		n, err := s.Read(buf)
		select {
		case <-doomed:
			return
		default:
		}
		if n > 0 {
			if _, werr := c.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}
