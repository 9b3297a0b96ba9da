-- Best-effort tapback through the UI (AppleScript has no reaction verb; mautrix marks it impossible).
--   argv: {deepLink, reactionNumber, aeTimeout}   aeTimeout: seconds any Apple event may wait (`with timeout`, -1712)
--     deepLink: imessage://open?message-guid=<guid>&overlay=1 (built and percent-encoded by the agent);
--               Beeper's deep-link form that selects the target message
--     reactionNumber: "1".."6" = love, like, dislike, laugh, emphasize, question (picker order)
-- Needs Accessibility and an unlocked session. Cmd-T opens the Tapback picker, a digit picks, Return confirms
-- (imsg ReactCommand; the final Return was missing before imsg PR #69 on Sequoia). Sequoia+ animates the
-- picker, so wait 0.75 s (Beeper setReaction). The agent verifies the 200x row in chat.db afterwards.
on run argv
	if (count of argv) is not 3 then error "ui-send-tapback expects 3 arguments (deepLink, reactionNumber, aeTimeout), got " & (count of argv) & "." number -1708
	set deepLink to item 1 of argv
	set reactionNumber to item 2 of argv
	set aeTimeout to (item 3 of argv) as integer
	with timeout of aeTimeout seconds
		tell application "Messages" to activate
		open location deepLink
		delay 1.5
		tell application "System Events"
			tell process "Messages"
				keystroke "t" using command down
				delay 0.75
				keystroke reactionNumber
				delay 0.2
				key code 36
			end tell
		end tell
		return "ok"
	end timeout
end run
