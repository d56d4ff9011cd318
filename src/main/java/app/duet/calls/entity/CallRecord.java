package app.duet.calls.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.LocalDateTime;

/** One call of the history. Times are UTC. */
@Entity
@Table(name = "call_record")
public class CallRecord {

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 64)
    private String room;

    @Column(name = "started_at", nullable = false)
    private LocalDateTime startedAt;

    @Column(name = "ended_at")
    private LocalDateTime endedAt;

    /** While the call runs, when this server last knew it was running (for crash recovery). */
    @Column(name = "last_seen_at")
    private LocalDateTime lastSeenAt;

    @Column(name = "duration_ms")
    private Long durationMs;

    @Column(name = "first_name", length = 256)
    private String firstName;

    @Column(name = "second_name", length = 256)
    private String secondName;

    @Column(name = "first_path", length = 16)
    private String firstPath;

    @Column(name = "second_path", length = 16)
    private String secondPath;

    @Column(name = "end_reason", length = 32)
    private String endReason;

    /** The user id ({@code sub}) of the first side's join token; null when it had none. */
    @Column(name = "first_user", length = 255)
    private String firstUser;

    @Column(name = "second_user", length = 255)
    private String secondUser;

    /** Each side's quality as its page reported it last (issue 18); null when it did not. */
    @Column(name = "first_setup_ms")
    private Integer firstSetupMs;

    @Column(name = "second_setup_ms")
    private Integer secondSetupMs;

    @Column(name = "first_rtt_ms")
    private Integer firstRttMs;

    @Column(name = "second_rtt_ms")
    private Integer secondRttMs;

    @Column(name = "first_ice_restarts")
    private Integer firstIceRestarts;

    @Column(name = "second_ice_restarts")
    private Integer secondIceRestarts;

    @Column(name = "first_reconnected")
    private Boolean firstReconnected;

    @Column(name = "second_reconnected")
    private Boolean secondReconnected;

    protected CallRecord() {
    }

    public CallRecord(String id, String room, LocalDateTime startedAt, String firstName, String secondName) {
        this.id = id;
        this.room = room;
        this.startedAt = startedAt;
        this.lastSeenAt = startedAt;
        this.firstName = firstName;
        this.secondName = secondName;
    }

    public void end(LocalDateTime at, String reason) {
        if (endedAt != null) {
            return;
        }
        endedAt = at.isBefore(startedAt) ? startedAt : at;
        durationMs = Duration.between(startedAt, endedAt).toMillis();
        endReason = reason;
    }

    public void path(boolean first, String path) {
        if (first) {
            firstPath = path;
        } else {
            secondPath = path;
        }
    }

    /**
     * A side's quality report: each figure given replaces the one stored, one not given (null: an
     * older page, or not measured yet) leaves it as it was.
     */
    public void quality(boolean first, Integer setupMs, Integer rttMs, Integer iceRestarts, Boolean reconnected) {
        if (first) {
            firstSetupMs = setupMs != null ? setupMs : firstSetupMs;
            firstRttMs = rttMs != null ? rttMs : firstRttMs;
            firstIceRestarts = iceRestarts != null ? iceRestarts : firstIceRestarts;
            firstReconnected = reconnected != null ? reconnected : firstReconnected;
        } else {
            secondSetupMs = setupMs != null ? setupMs : secondSetupMs;
            secondRttMs = rttMs != null ? rttMs : secondRttMs;
            secondIceRestarts = iceRestarts != null ? iceRestarts : secondIceRestarts;
            secondReconnected = reconnected != null ? reconnected : secondReconnected;
        }
    }

    /** A side's join token named {@code user}: {@code first} is the peer that was there first. */
    public void user(boolean first, String user) {
        if (first) {
            firstUser = user;
        } else {
            secondUser = user;
        }
    }

    public String getId() {
        return id;
    }

    public String getRoom() {
        return room;
    }

    public LocalDateTime getStartedAt() {
        return startedAt;
    }

    public LocalDateTime getEndedAt() {
        return endedAt;
    }

    public LocalDateTime getLastSeenAt() {
        return lastSeenAt;
    }

    public Long getDurationMs() {
        return durationMs;
    }

    public String getFirstName() {
        return firstName;
    }

    public String getSecondName() {
        return secondName;
    }

    public String getFirstPath() {
        return firstPath;
    }

    public String getSecondPath() {
        return secondPath;
    }

    public String getEndReason() {
        return endReason;
    }

    public String getFirstUser() {
        return firstUser;
    }

    public String getSecondUser() {
        return secondUser;
    }

    public Integer getFirstSetupMs() {
        return firstSetupMs;
    }

    public Integer getSecondSetupMs() {
        return secondSetupMs;
    }

    public Integer getFirstRttMs() {
        return firstRttMs;
    }

    public Integer getSecondRttMs() {
        return secondRttMs;
    }

    public Integer getFirstIceRestarts() {
        return firstIceRestarts;
    }

    public Integer getSecondIceRestarts() {
        return secondIceRestarts;
    }

    public Boolean getFirstReconnected() {
        return firstReconnected;
    }

    public Boolean getSecondReconnected() {
        return secondReconnected;
    }
}
