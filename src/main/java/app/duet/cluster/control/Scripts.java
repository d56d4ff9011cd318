package app.duet.cluster.control;

/**
 * The Lua scripts that change rooms in Redis. Each runs atomically, so two nodes can never both
 * admit a third peer, nor both take over one slot. A room is the hash {@code duet:room:<id>}:
 * one field per peer (its {@link app.duet.cluster.entity.Seat} value) and {@code ~call} =
 * {@code callId|firstPeer} while both slots are taken. {@code duet:seats:<node>} lists the
 * {@code room peer} pairs a node holds, so that its slots can be freed when it dies.
 */
final class Scripts {

    private Scripts() {
    }

    /** The peer fields of a room hash as {other, otherValue, count}; a helper shared by the scripts. */
    private static final String PEERS = """
            local function peers(all)
              local other, value, count = nil, nil, 0
              for i = 1, #all, 2 do
                if string.sub(all[i], 1, 1) ~= '~' then count = count + 1; other = all[i]; value = all[i + 1] end
              end
              return other, value, count
            end
            local function nodeOf(value) return string.match(value, '^[^|]*') end
            """;

    /** KEYS room, seats; ARGV peer, node, tokenHash, name, roomId, callId → {full} | {ok, polite[, other, otherValue]}. */
    static final String JOIN = PEERS + """
            local other, value, count = peers(redis.call('HGETALL', KEYS[1]))
            if count >= 2 then return {'full'} end
            local polite = '0'
            if other and string.match(value, '^[^|]*|(.)') == '0' then polite = '1' end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. polite .. '|0|' .. ARGV[3] .. '|' .. ARGV[4])
            redis.call('SADD', KEYS[2], ARGV[5] .. ' ' .. ARGV[1])
            if other then
              redis.call('HSET', KEYS[1], '~call', ARGV[6] .. '|' .. other)
              return {'ok', polite, other, value}
            end
            return {'ok', polite}
            """;

    /**
     * KEYS room; ARGV tokenHash, node, newTokenHash, roomId → {unknown} |
     * {ok, peer, oldValue, other, otherValue, call}: the slot moves to this node with a new token.
     */
    static final String RESUME = PEERS + """
            local all = redis.call('HGETALL', KEYS[1])
            local self, old, other, otherValue, call = nil, nil, '', '', ''
            for i = 1, #all, 2 do
              local field, value = all[i], all[i + 1]
              if field == '~call' then call = value
              elseif string.match(value, '^[^|]*|.|.|([^|]*)') == ARGV[1] then self = field; old = value
              else other = field; otherValue = value end
            end
            if not self then return {'unknown'} end
            local node, polite, name = string.match(old, '^([^|]*)|(.)|.|[^|]*|(.*)$')
            redis.call('HSET', KEYS[1], self, ARGV[2] .. '|' .. polite .. '|0|' .. ARGV[3] .. '|' .. name)
            redis.call('SREM', 'duet:seats:' .. node, ARGV[4] .. ' ' .. self)
            redis.call('SADD', 'duet:seats:' .. ARGV[2], ARGV[4] .. ' ' .. self)
            return {'ok', self, old, other, otherValue, call}
            """;

    /** KEYS room, seats; ARGV peer, node, roomId → {gone} | {ok, other, call}: frees a slot this node holds. */
    static final String LEAVE = PEERS + """
            local value = redis.call('HGET', KEYS[1], ARGV[1])
            if not value or nodeOf(value) ~= ARGV[2] then return {'gone'} end
            redis.call('HDEL', KEYS[1], ARGV[1])
            redis.call('SREM', KEYS[2], ARGV[3] .. ' ' .. ARGV[1])
            local call = redis.call('HGET', KEYS[1], '~call') or ''
            redis.call('HDEL', KEYS[1], '~call')
            local other = peers(redis.call('HGETALL', KEYS[1]))
            if not other then redis.call('DEL', KEYS[1]) end
            return {'ok', other or '', call}
            """;

    /** KEYS room; ARGV peer, node, away (0|1): marks a slot this node holds as away or back. */
    static final String AWAY = """
            local value = redis.call('HGET', KEYS[1], ARGV[1])
            if not value then return 0 end
            local node, polite, rest = string.match(value, '^([^|]*)|(.)|.|(.*)$')
            if node ~= ARGV[2] then return 0 end
            redis.call('HSET', KEYS[1], ARGV[1], node .. '|' .. polite .. '|' .. ARGV[3] .. '|' .. rest)
            return 1
            """;

    /**
     * KEYS room, seats; ARGV peer, value, roomId, call: writes again a slot this node holds (after
     * Redis lost or missed it), unless another node has taken it over meanwhile.
     */
    static final String REGISTER = PEERS + """
            local value = redis.call('HGET', KEYS[1], ARGV[1])
            if value and nodeOf(value) ~= nodeOf(ARGV[2]) then return 0 end
            if not value then
              local _, _, count = peers(redis.call('HGETALL', KEYS[1]))
              if count >= 2 then return 0 end
            end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            redis.call('SADD', KEYS[2], ARGV[3] .. ' ' .. ARGV[1])
            if ARGV[4] ~= '' then redis.call('HSETNX', KEYS[1], '~call', ARGV[4]) end
            return 1
            """;

    /**
     * KEYS alive, seats, nodes; ARGV node → {room, peer, other, call, …} of the slots freed: a node
     * whose liveness key expired loses them. Nothing when the node is alive or already reaped.
     */
    static final String REAP = PEERS + """
            if redis.call('EXISTS', KEYS[1]) == 1 then return {} end
            local out = {}
            for _, seat in ipairs(redis.call('SMEMBERS', KEYS[2])) do
              local room, peer = string.match(seat, '^(%S+) (%S+)$')
              local key = 'duet:room:' .. room
              local value = redis.call('HGET', key, peer)
              if value and nodeOf(value) == ARGV[1] then
                redis.call('HDEL', key, peer)
                local call = redis.call('HGET', key, '~call') or ''
                redis.call('HDEL', key, '~call')
                local other = peers(redis.call('HGETALL', key))
                if not other then redis.call('DEL', key) end
                for _, v in ipairs({room, peer, other or '', call}) do table.insert(out, v) end
              end
            end
            redis.call('DEL', KEYS[2])
            redis.call('SREM', KEYS[3], ARGV[1])
            return out
            """;

    /** KEYS room; ARGV roomId → {call, peer, node, …}, the room deleted; empty when there is none. */
    static final String CLOSE = """
            local all = redis.call('HGETALL', KEYS[1])
            if #all == 0 then return {} end
            local out = {''}
            for i = 1, #all, 2 do
              if all[i] == '~call' then out[1] = all[i + 1]
              else
                local node = string.match(all[i + 1], '^[^|]*')
                redis.call('SREM', 'duet:seats:' .. node, ARGV[1] .. ' ' .. all[i])
                table.insert(out, all[i]); table.insert(out, node)
              end
            end
            redis.call('DEL', KEYS[1])
            return out
            """;
}
