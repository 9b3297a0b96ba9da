-- Best-effort: remove a participant from a group through the conversation details (BlueBubbles' legacy UI
-- script selects the participant row and presses Delete).
--   argv: {deepLink, address, aeTimeout}   aeTimeout: seconds any Apple event may wait (`with timeout`, -1712)
-- The row is found by comparing its text with the address (a value comparison, never code). The agent
-- verifies the change by waiting for the group_action row (item_type 1, group_action_type 1) in chat.db.
on run argv
	if (count of argv) is not 3 then error "ui-remove-participant expects 3 arguments (deepLink, address, aeTimeout), got " & (count of argv) & "." number -1708
	set deepLink to item 1 of argv
	set oldAddress to item 2 of argv
	set aeTimeout to (item 3 of argv) as integer
	with timeout of aeTimeout seconds
		tell application "Messages" to activate
		open location deepLink
		delay 1
		tell application "System Events"
			tell process "Messages"
				keystroke "i" using command down
				delay 1
				set found to false
				repeat with candidate in (every row of (first table of (first scroll area of (first pop over of front window))))
					if (value of every static text of (entire contents of candidate)) contains oldAddress then
						select candidate
						set found to true
						exit repeat
					end if
				end repeat
				if not found then error "Participant not found in the conversation details." number -1728
				key code 51
				delay 0.5
				key code 53
			end tell
		end tell
		return "ok"
	end timeout
end run
