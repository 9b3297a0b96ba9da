-- Best-effort: add a participant to a group through the conversation details (no AppleScript verb exists;
-- BlueBubbles' legacy UI script types the address into the details popover and presses Return).
--   argv: {deepLink, address, aeTimeout}   aeTimeout: seconds any Apple event may wait (`with timeout`, -1712)
--     deepLink: imessage://open?groupid=<chat id>; address: phone (E.164) or email to add
-- Element paths change with every major macOS UI revision (weMessage #37), so this only uses keystrokes:
-- Cmd-I opens the details, the add-member field takes the address, Return confirms. The agent verifies the
-- change by waiting for the group_action row (item_type 1, group_action_type 0) in chat.db.
on run argv
	if (count of argv) is not 3 then error "ui-add-participant expects 3 arguments (deepLink, address, aeTimeout), got " & (count of argv) & "." number -1708
	set deepLink to item 1 of argv
	set newAddress to item 2 of argv
	set aeTimeout to (item 3 of argv) as integer
	with timeout of aeTimeout seconds
		tell application "Messages" to activate
		open location deepLink
		delay 1
		tell application "System Events"
			tell process "Messages"
				keystroke "i" using command down
				delay 1
				keystroke newAddress
				delay 1
				key code 36
				delay 0.5
				key code 53
			end tell
		end tell
		return "ok"
	end timeout
end run
