-- Checks that UI scripting works (Automation → System Events plus Accessibility for the responsible process)
-- without pressing anything: it reads one accessibility attribute of the Dock, which always runs. Reading UI
-- elements fails with -1719/-25211 ("not allowed assistive access") when Accessibility is missing and -1743
-- when System Events may not be automated. No keystroke: a probe must never land inside a UI action's typing.
--   argv: {}
on run argv
	if (count of argv) is not 0 then error "probe-accessibility expects no arguments, got " & (count of argv) & "." number -1708
	with timeout of 10 seconds
		tell application "System Events"
			set elementCount to count of UI elements of process "Dock"
		end tell
	end timeout
	return "ok"
end run
