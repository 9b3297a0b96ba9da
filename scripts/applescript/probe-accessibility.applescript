-- Checks that UI scripting works: Automation → System Events plus Accessibility for the responsible process.
--   argv: {}
-- Presses Shift alone (key code 57), as AirMessage's testPermissionsAutomation does: harmless, and it fails
-- with -1719/-25211 ("not allowed assistive access") or 1002 ("not allowed to send keystrokes") when
-- Accessibility is missing, and -1743 when System Events may not be automated.
on run argv
	if (count of argv) is not 0 then error "probe-accessibility expects no arguments, got " & (count of argv) & "." number -1708
	tell application "System Events"
		if not (UI elements enabled) then error "UI scripting is not enabled: osascript is not allowed assistive access." number -25211
		key code 57
	end tell
	return "ok"
end run
