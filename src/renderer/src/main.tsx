import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { PrintMinutes, printedMeeting } from './features/board/PrintMinutes'
import './styles.css'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
// The print view of a meeting's minutes (what the PDF is printed from) replaces the app shell.
const printed = printedMeeting(window.location.hash)
createRoot(root).render(<StrictMode>{printed === null ? <App /> : <PrintMinutes meetingId={printed} />}</StrictMode>)
