; Balcão's additions to electron-builder's NSIS installer (electron-builder.yml → nsis.include).
;
; The main PC serves the shop network on TCP 8787 (BALCAO_PORT changes it; then edit the rule by
; hand). Windows Firewall gets one inbound rule for that port on PRIVATE networks only — never on
; public Wi-Fi — added on a fresh install and removed on uninstall. Updates run the installer
; again with --updated: the rule is left as it is then (no UAC prompt at every update).
;
; The installer is per-user (no administrator needed), but a firewall rule needs one: netsh runs
; directly when the installer already is elevated, otherwise through "runas" (one UAC prompt).
; If the user refuses, Balcão still works on this computer, and Windows asks about the port the
; first time the server listens.

!define BALCAO_FW_RULE "Balcao (rede da loja)"
!define BALCAO_FW_PORT "8787"

!macro balcaoNetsh ARGS
  UserInfo::GetAccountType
  Pop $0
  ${if} $0 == "Admin"
    nsExec::ExecToLog 'netsh ${ARGS}'
    Pop $0
  ${else}
    ExecShellWait "runas" "netsh" '${ARGS}' SW_HIDE
  ${endif}
!macroend

!macro customInstall
  ${ifNot} ${isUpdated}
    ; One rule, never two: remove a leftover first.
    !insertmacro balcaoNetsh 'advfirewall firewall delete rule name="${BALCAO_FW_RULE}"'
    !insertmacro balcaoNetsh 'advfirewall firewall add rule name="${BALCAO_FW_RULE}" dir=in action=allow protocol=TCP localport=${BALCAO_FW_PORT} profile=private enable=yes'
  ${endif}
!macroend

!macro customUnInstall
  ${ifNot} ${isUpdated}
    !insertmacro balcaoNetsh 'advfirewall firewall delete rule name="${BALCAO_FW_RULE}"'
  ${endif}
!macroend
